package io.loopboard.signage;

import java.util.List;

/**
 * A channel: a group of screens and its rules (docs/screens-and-channels.md). Filters are
 * empty lists when they admit everything; {@code praisePercent} null means "no balancing".
 */
public record Channel(
        int id,
        String slug,
        String name,
        String slideMode,
        int slideSeconds,
        int minSlideSeconds,
        int maxSlideSeconds,
        Integer praisePercent,
        List<String> touchpoints,
        List<String> locations,
        List<String> languages,
        int scorePercent,
        String scoreMetric,
        int scoreDays,
        int scoreMinSample,
        String timeZone,
        String quietStart,
        String quietEnd,
        boolean quietWeekends,
        String quietMode,
        String theme,
        String brandColor,
        String logoUrl,
        String orientation,
        boolean showConnectionState) {
}
