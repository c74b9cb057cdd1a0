package io.loopboard.feedback.ingest;

import static io.loopboard.store.generated.Tables.FEEDBACK;

import io.loopboard.feedback.FeedbackInput;
import io.loopboard.store.Database;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * An import that writes nothing: every row of the file is read, mapped and validated exactly
 * as the import does it, and the answer says how many rows would be stored (new, or already
 * stored and updated or unchanged) and how many rejected, with the first problems and their
 * lines. Only reads the store, to tell new answers from stored ones.
 */
final class CsvDryRun {

    /** Problems listed in a dry run's answer; past this they are only counted. */
    static final int MAX_LISTED = 100;
    private static final int LOOKUP_SLICE = 500;

    private CsvDryRun() {
    }

    /** What an import of the file would do. {@code stored} = {@code created} + {@code existing}. */
    public record Result(String encoding, String delimiter, long rows, long stored, long created, long existing,
                         long rejected, List<SourceService.RowError> errors, String message) {
    }

    static Result run(CsvImport csv, Database db, Path file, String sourceName, Mapping mapping, ZoneId serverZone) {
        CsvFiles.Encoding encoding;
        try {
            encoding = CsvFiles.detect(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ZoneId zone = mapping.zone(serverZone);
        DateTimeFormatter custom = mapping.dateFormat() == null ? null : Values.pattern(mapping.dateFormat(), Locale.ENGLISH);
        long rows = 0;
        long rejected = 0;
        List<SourceService.RowError> errors = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        String message = null;
        char delimiter = ',';
        try (InputStream in = Files.newInputStream(file)) {
            CsvFiles.Opened opened = CsvFiles.open(in, encoding);
            delimiter = opened.delimiter();
            try (CSVParser parser = opened.parser()) {
                Iterator<CSVRecord> it = parser.iterator();
                long lineOffset = opened.lineOffset();
                long nextLine = 1 + lineOffset;
                List<CSVRecord> headers = new ArrayList<>();
                while (headers.size() < Math.max(1, mapping.headerRows()) && it.hasNext()) {
                    headers.add(it.next());
                    nextLine = parser.getCurrentLineNumber() + 1 + lineOffset;
                }
                if (headers.isEmpty()) {
                    return new Result(encoding.label(), CsvFiles.describe(delimiter), 0, 0, 0, 0, 0, List.of(), "the file is empty");
                }
                CSVRecord names = headers.get(0);
                List<String> missing = new ArrayList<>();
                Map<String, Integer> columnOf = CsvImport.columns(names, mapping, missing);
                if (!columnOf.containsKey("externalId")) {
                    return new Result(encoding.label(), CsvFiles.describe(delimiter), 0, 0, 0, 0, 0, List.of(),
                            "column '" + mapping.column("externalId") + "' (externalId) is not in the file; its columns are: "
                                    + String.join(", ", names.values()));
                }
                if (headers.size() >= 3 && columnOf.containsKey("respondedAt")) {
                    zone = CsvImport.qualtricsZone(headers.get(2), columnOf.get("respondedAt"), zone);
                }
                Values.Dates dates = new Values.Dates(zone, custom);
                int width = names.size();
                while (it.hasNext()) {
                    CSVRecord rec = it.next();
                    long line = nextLine;
                    nextLine = parser.getCurrentLineNumber() + 1 + lineOffset;
                    if (rec.size() == 1 && rec.get(0).isBlank()) {
                        continue;
                    }
                    rows++;
                    List<CsvImport.Pending> problems = new ArrayList<>();
                    if (rec.size() < width || (rec.size() > width && !CsvImport.blankFrom(rec, width))) {
                        problems.add(new CsvImport.Pending(line, null, "has " + rec.size() + " fields where the header has "
                                + width + " (a stray delimiter or quote?)"));
                    } else {
                        FeedbackInput input = csv.toInput(rec, line, sourceName, mapping, columnOf, names, dates, problems);
                        if (input != null) {
                            ids.remove(input.externalId()); // the same id twice: the later row wins
                            ids.add(input.externalId());
                        }
                    }
                    if (!problems.isEmpty()) {
                        rejected++;
                        for (CsvImport.Pending p : problems) {
                            if (errors.size() < MAX_LISTED) {
                                errors.add(new SourceService.RowError(p.line(), p.column(), p.problem()));
                            }
                        }
                    }
                }
                if (!missing.isEmpty()) {
                    message = "columns not in the file, left empty: " + String.join(", ", missing);
                }
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            String why = e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause().getMessage() : e.getMessage();
            message = "the file cannot be read past row " + rows + ": " + why;
        }
        long existing = 0;
        List<String> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += LOOKUP_SLICE) {
            List<String> slice = all.subList(from, Math.min(all.size(), from + LOOKUP_SLICE));
            existing += db.dsl().fetchCount(FEEDBACK, FEEDBACK.SOURCE.eq(sourceName).and(FEEDBACK.EXTERNAL_ID.in(slice)));
        }
        return new Result(encoding.label(), CsvFiles.describe(delimiter), rows, ids.size(), ids.size() - existing, existing,
                rejected, errors, message);
    }
}
