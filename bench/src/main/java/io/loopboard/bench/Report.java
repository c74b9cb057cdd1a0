package io.loopboard.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Collects the figures of one run and writes them into docs/performance.md between two marker
 * comments, so the hand-written analysis around them survives every run. A scenario that was
 * not run keeps its figures from the previous run.
 */
final class Report {

    static final String BEGIN = "<!-- bench:begin ";
    static final String END = "<!-- bench:end ";

    /** One line of a scenario's table. {@code goalMet} is null where there is no goal. */
    record Row(String measure, String loopboard, String baseline, String ratio, String goal, Boolean goalMet) {
    }

    private final Map<String, List<Row>> rows = new LinkedHashMap<>();
    private final Map<String, List<String>> notes = new LinkedHashMap<>();
    private final Map<String, String> header = new LinkedHashMap<>();

    void header(String scenario, String text) {
        header.put(scenario, text);
    }

    void row(String scenario, Row row) {
        rows.computeIfAbsent(scenario, k -> new ArrayList<>()).add(row);
        System.out.printf(Locale.ROOT, "  %-44s loopboard %-14s baseline %-14s ratio %-7s goal %s%s%n",
                row.measure(), row.loopboard(), row.baseline(), row.ratio(), row.goal(),
                row.goalMet() == null ? "" : row.goalMet() ? " MET" : " MISSED");
    }

    void note(String scenario, String text) {
        notes.computeIfAbsent(scenario, k -> new ArrayList<>()).add(text);
        System.out.println("  note: " + text);
    }

    static String ms(double v) {
        return String.format(Locale.ROOT, v >= 100 ? "%.0f ms" : "%.1f ms", v);
    }

    static String num(double v, String unit) {
        return String.format(Locale.ROOT, "%,.0f %s", v, unit).trim();
    }

    static String ratio(double loopboard, double baseline) {
        if (baseline <= 0 || Double.isNaN(baseline) || Double.isNaN(loopboard)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.2f×", loopboard / baseline);
    }

    /** Replaces (or appends) each run scenario's block in the markdown file. */
    void write(Path file, String command, String machine) throws IOException {
        String doc = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "# Performance\n";
        for (String scenario : header.keySet()) {
            StringBuilder b = new StringBuilder();
            b.append(BEGIN).append(scenario).append(" -->\n");
            b.append(header.get(scenario)).append("\n\n");
            b.append("Run ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(" with `")
                    .append(command).append("` on ").append(machine).append(".\n\n");
            b.append("| measure | Loopboard | baseline | ratio | goal | |\n| --- | --- | --- | --- | --- | --- |\n");
            for (Row r : rows.getOrDefault(scenario, List.of())) {
                b.append("| ").append(r.measure()).append(" | ").append(r.loopboard()).append(" | ").append(r.baseline())
                        .append(" | ").append(r.ratio()).append(" | ").append(r.goal()).append(" | ")
                        .append(r.goalMet() == null ? "" : r.goalMet() ? "met" : "**missed**").append(" |\n");
            }
            for (String n : notes.getOrDefault(scenario, List.of())) {
                b.append("\n- ").append(n);
            }
            b.append("\n").append(END).append(scenario).append(" -->");
            int start = doc.indexOf(BEGIN + scenario + " -->");
            String endMarker = END + scenario + " -->";
            int end = doc.indexOf(endMarker);
            if (start >= 0 && end > start) {
                doc = doc.substring(0, start) + b + doc.substring(end + endMarker.length());
            } else {
                doc = doc.stripTrailing() + "\n\n" + b + "\n";
            }
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, doc, StandardCharsets.UTF_8);
    }
}
