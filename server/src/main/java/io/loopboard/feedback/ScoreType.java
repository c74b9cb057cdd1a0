package io.loopboard.feedback;

import java.util.Locale;

/** The survey scales Loopboard understands, with their valid ranges. */
public enum ScoreType {
    /** Net Promoter Score: 0-10; critics 0-6, passives 7-8, promoters 9-10. */
    NPS(0, 10),
    /** Customer satisfaction: 1-5. */
    CSAT(1, 5),
    /** Customer effort, 1-7 where higher means easier. */
    CES(1, 7);

    public final int min;
    public final int max;

    ScoreType(int min, int max) {
        this.min = min;
        this.max = max;
    }

    public static ScoreType parse(String raw) {
        try {
            return valueOf(raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
