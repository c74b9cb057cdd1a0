package io.loopboard.followup;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the follow-up programme runs, set by the CX lead on the follow-up page: which scores make
 * a critic (and a strong critic, followed up first) per score type, how long after the answer
 * the first contact is due, who hears about overdue cases and the morning digest, and the
 * smallest sample the key figure is shown for.
 */
public record FollowUpSettings(int dueHours, Map<String, Band> bands, String cxLeadEmail, int digestHour,
                               String timeZone, int minSample) {

    /** Scores at or below {@code criticMax} are critics; at or below {@code strongMax}, strong critics. */
    public record Band(int criticMax, int strongMax) {
    }

    public static final int DEFAULT_DUE_HOURS = 48;
    public static final int DEFAULT_MIN_SAMPLE = 30;

    /** NPS 0-6 critics and 0-3 strong critics (the method); CSAT 1-2 and 1; CES (higher is easier) 1-3 and 1-2. */
    public static FollowUpSettings defaults() {
        Map<String, Band> bands = new LinkedHashMap<>();
        bands.put("NPS", new Band(6, 3));
        bands.put("CSAT", new Band(2, 1));
        bands.put("CES", new Band(3, 2));
        return new FollowUpSettings(DEFAULT_DUE_HOURS, bands, null, 7, "Europe/Stockholm", DEFAULT_MIN_SAMPLE);
    }

    public long dueMillis() {
        return dueHours * 3_600_000L;
    }
}
