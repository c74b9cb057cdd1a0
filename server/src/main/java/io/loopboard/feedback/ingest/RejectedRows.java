package io.loopboard.feedback.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopboard.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The rejected rows of an import as a CSV file to fix in a spreadsheet and import again: one
 * line per rejected row with its line in the file, its answer id, the columns and problems,
 * then the row's original cells under the file's own header. Written with the delimiter of the
 * file that was imported and a byte order mark, so Swedish Excel opens it in columns with å,
 * ä and ö intact. A cell that a spreadsheet would run as a formula (one that starts with
 * {@code = + - @}, a tab or a carriage return) is prefixed with an apostrophe.
 */
public final class RejectedRows {

    private RejectedRows() {
    }

    /** The delimiter an import's file had ({@link CsvFiles#describe}). */
    public static char delimiter(String described) {
        if (described == null) {
            return ',';
        }
        return switch (described) {
            case "semicolon" -> ';';
            case "tab" -> '\t';
            case "comma" -> ',';
            default -> described.length() == 1 ? described.charAt(0) : ',';
        };
    }

    /** Writes the BOM, the header and one line per rejected row. */
    public static void write(Appendable out, char delimiter, List<String> header, List<SourceService.RowError> errors) {
        Map<Long, List<SourceService.RowError>> byLine = new LinkedHashMap<>();
        for (SourceService.RowError e : errors) {
            byLine.computeIfAbsent(e.line(), l -> new ArrayList<>()).add(e);
        }
        List<String> head = new ArrayList<>(List.of("line", "id", "column", "problem"));
        head.addAll(header);
        try {
            out.append('\uFEFF');
            try (CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180.builder().setDelimiter(delimiter).get())) {
                p.printRecord(head.stream().map(RejectedRows::safe).toList());
                for (var entry : byLine.entrySet()) {
                    List<String> columns = new ArrayList<>();
                    List<String> problems = new ArrayList<>();
                    String id = null;
                    String cells = null;
                    for (SourceService.RowError e : entry.getValue()) {
                        if (e.column() != null && !columns.contains(e.column())) {
                            columns.add(e.column());
                        }
                        problems.add(e.problem());
                        id = id == null ? e.externalId() : id;
                        cells = cells == null ? e.cells() : cells;
                    }
                    List<String> row = new ArrayList<>(List.of(String.valueOf(entry.getKey()), id == null ? "" : id,
                            String.join(", ", columns), String.join("; ", problems)));
                    row.addAll(strings(cells));
                    p.printRecord(row.stream().map(RejectedRows::safe).toList());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A cell a spreadsheet shows as text: one starting with {@code =}, {@code +}, {@code -},
     * {@code @}, a tab or a carriage return gets a leading apostrophe (OWASP's advice against
     * CSV injection), so "=HYPERLINK(…)" in a customer's comment stays text in Excel.
     */
    static String safe(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        char c = cell.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + cell : cell;
    }

    /** A JSON array of strings as a list; empty for null. */
    static List<String> strings(String json) {
        List<String> out = new ArrayList<>();
        if (json == null) {
            return out;
        }
        try {
            for (JsonNode n : Json.MAPPER.readTree(json)) {
                out.add(n.asText());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
