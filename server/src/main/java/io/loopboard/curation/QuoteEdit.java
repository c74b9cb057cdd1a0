package io.loopboard.curation;

import java.util.List;
import java.util.Set;

/**
 * What a moderator changes on a quote. Only the fields named in {@code present} change; a
 * present field with a null value clears it (publish window, attribution).
 */
public record QuoteEdit(Set<String> present, String displayText, String attribution, String attributionStyle,
                        String sentiment, List<Integer> channelIds, Long publishFrom, Long publishUntil,
                        Boolean pinned, boolean overridePii) {

    public static final Set<String> FIELDS = Set.of("displayText", "attribution", "attributionStyle", "sentiment",
            "channelIds", "publishFrom", "publishUntil", "pinned", "overridePii");

    public static final QuoteEdit NONE = new QuoteEdit(Set.of(), null, null, null, null, null, null, null, null, false);

    public boolean has(String field) {
        return present.contains(field);
    }
}
