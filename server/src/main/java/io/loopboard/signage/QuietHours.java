package io.loopboard.signage;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A channel's quiet dayparts as absolute intervals: daily quiet hours (which may wrap past
 * midnight) and, optionally, whole weekends, in the channel's time zone. Screens get the next
 * two days of them, so they dim and wake on time from their synchronised clock even offline;
 * the server also republishes at each boundary.
 */
public final class QuietHours {

    /** How far ahead screens are told; longer than the 24 h a screen may run on a cached playlist. */
    static final long HORIZON_MS = 48L * 3600 * 1000;

    public record Window(long from, long until) {
    }

    private QuietHours() {
    }

    public static List<Window> windows(Channel c, long now) {
        if (c.quietStart() == null && !c.quietWeekends()) {
            return List.of();
        }
        ZoneId zone = ZoneId.of(c.timeZone());
        LocalDate today = Instant.ofEpochMilli(now).atZone(zone).toLocalDate();
        List<Window> raw = new ArrayList<>();
        for (LocalDate day = today.minusDays(1); !day.isAfter(today.plusDays(3)); day = day.plusDays(1)) {
            if (c.quietWeekends() && (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY)) {
                raw.add(new Window(millis(day, LocalTime.MIDNIGHT, zone), millis(day.plusDays(1), LocalTime.MIDNIGHT, zone)));
            }
            if (c.quietStart() != null) {
                LocalTime start = LocalTime.parse(c.quietStart());
                LocalTime end = LocalTime.parse(c.quietEnd());
                LocalDate endDay = end.isAfter(start) ? day : day.plusDays(1);
                raw.add(new Window(millis(day, start, zone), millis(endDay, end, zone)));
            }
        }
        raw.sort(Comparator.comparingLong(Window::from));
        List<Window> merged = new ArrayList<>();
        for (Window w : raw) {
            Window last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && w.from() <= last.until()) {
                merged.set(merged.size() - 1, new Window(last.from(), Math.max(last.until(), w.until())));
            } else {
                merged.add(w);
            }
        }
        return merged.stream().filter(w -> w.until() > now && w.from() < now + HORIZON_MS).toList();
    }

    public static boolean isQuiet(List<Window> windows, long now) {
        return windows.stream().anyMatch(w -> w.from() <= now && now < w.until());
    }

    private static long millis(LocalDate day, LocalTime time, ZoneId zone) {
        return day.atTime(time).atZone(zone).toInstant().toEpochMilli();
    }
}
