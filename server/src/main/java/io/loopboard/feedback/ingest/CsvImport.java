package io.loopboard.feedback.ingest;

import static io.loopboard.store.generated.Tables.IMPORT_JOB;
import static io.loopboard.store.generated.Tables.IMPORT_ROW_ERROR;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loopboard.core.FieldProblem;
import io.loopboard.core.Json;
import io.loopboard.feedback.CommentIntake;
import io.loopboard.feedback.FeedbackBatchWriter;
import io.loopboard.feedback.FeedbackInput;
import io.loopboard.feedback.FeedbackValidator;
import io.loopboard.store.Clock;
import io.loopboard.store.Database;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * One run of a CSV import job: detects the character set and delimiter, maps each row to a
 * feedback item, validates it exactly like the ingest API, and commits in chunks. Each chunk's
 * feedback, quotes, row errors and the job's progress commit in one transaction, so a crash
 * leaves the store and the job's figures consistent, and importing the file again completes
 * it (rows already stored are found unchanged).
 */
final class CsvImport {

    static final int CHUNK_ROWS = 5_000;
    /** Row errors kept per job; past this they are only counted. */
    static final int MAX_STORED_ERRORS = 100_000;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CsvImport.class);
    /** The page cache of the importing connection, in KiB. */
    private static final int SQLITE_CACHE_KIB = 64 * 1024;

    private final Database db;
    private final Clock clock;
    private final FeedbackValidator validator = new FeedbackValidator();
    private final CommentIntake comments;
    private final FeedbackBatchWriter writer;

    /** Where times without an offset are read when the mapping names no zone (LOOPBOARD_TIME_ZONE). */
    private final ZoneId serverZone;

    CsvImport(Database db, Clock clock, CommentIntake comments, ZoneId serverZone) {
        this.serverZone = serverZone;
        this.db = db;
        this.clock = clock;
        this.comments = comments;
        this.writer = new FeedbackBatchWriter(comments);
    }

    /** A problem of a row, with the row's answer id and original cells (JSON) when it has them. */
    record Pending(long line, String column, String problem, String externalId, String cells) {
        Pending(long line, String column, String problem) {
            this(line, column, problem, null, null);
        }

        Pending of(String id, String rowCells) {
            return new Pending(line, column, problem, id, rowCells);
        }
    }

    /** What is being gathered for the next commit (on the reading thread). */
    private static final class Chunk {
        List<FeedbackInput> valid = new ArrayList<>();
        /** The analysis of each valid row's comment, made here on the reading thread. */
        Map<FeedbackInput, CommentIntake.Prepared> assessed = new IdentityHashMap<>();
        List<Pending> errors = new ArrayList<>();
        long rows;
        long rejectedRows;
        long storedErrors;
        long totalRows;

        boolean full() {
            return valid.size() + rejectedRows >= CHUNK_ROWS;
        }

        /** Hands the gathered rows over as a batch to commit, and starts gathering anew. */
        Batch take(long doneBytes) {
            Batch b = new Batch(valid, assessed, errors, rows, rejectedRows, doneBytes);
            valid = new ArrayList<>();
            assessed = new IdentityHashMap<>();
            errors = new ArrayList<>();
            rows = 0;
            rejectedRows = 0;
            return b;
        }
    }

    /** One commit's worth of rows, handed from the reading thread to the writing thread. */
    private record Batch(List<FeedbackInput> valid, Map<FeedbackInput, CommentIntake.Prepared> assessed,
                         List<Pending> errors, long rows, long rejectedRows, long doneBytes) {
        boolean isEmpty() {
            return rows == 0 && errors.isEmpty() && valid.isEmpty();
        }
    }

    /** Marks the end of the batches, for the committing thread. */
    private static final Batch END = new Batch(List.of(), Map.of(), List.of(), 0, 0, -1);

    /**
     * Commits batches in order on one thread of its own while the reading thread parses and
     * validates the next ones, so that the CSV work and SQLite's work overlap on two cores.
     * At most {@value #IN_FLIGHT} batches wait, which bounds the memory an import holds.
     *
     * <p>Batches that are ready when one is written join its transaction, up to
     * {@value #GROUP_ROWS} rows or {@value #GROUP_MILLIS} ms: every commit writes each index page
     * it changed, and a real survey export's answer ids and e-mail addresses are random, so a
     * chunk of 5,000 rows changes pages all over those indexes; fewer, larger commits write each
     * such page fewer times. Memory stays that of {@value #IN_FLIGHT} batches. A group ends early
     * when another write waits, in this process or another (a moderator's takedown while a
     * command-line import runs beside the server): it waits for the batch being written, not for
     * the group, and the next group begins after it ({@link io.loopboard.store.Database#writeBulk}).
     */
    private final class Committer implements AutoCloseable {
        private static final int IN_FLIGHT = 2;
        private static final int GROUP_ROWS = 25_000;
        private static final long GROUP_MILLIS = 1_000;
        /** How long a group waits for the next batch before it commits. */
        private static final long NEXT_BATCH_MILLIS = 20;
        private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "import-commit");
            t.setDaemon(true);
            return t;
        });
        private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(IN_FLIGHT);
        private final Future<?> loop;
        private final int jobId;
        private final int sourceId;
        private final ImportService.Progress progress;
        /** New quotes wait for the search index until the import is over: the rows commit sooner. */
        private final CommentIntake.Deferral indexing;

        Committer(int jobId, int sourceId, ImportService.Progress progress) {
            this.jobId = jobId;
            this.sourceId = sourceId;
            this.progress = progress;
            this.indexing = comments.deferIndexing();
            this.loop = thread.submit(this::commitAll);
        }

        void submit(Batch batch) {
            if (!batch.isEmpty()) {
                hand(batch);
            }
        }

        /** Waits for every submitted batch; a batch that failed fails here, on the reading thread. */
        void drain() {
            if (!loop.isDone()) {
                hand(END);
            }
            await(loop);
        }

        private void hand(Batch batch) {
            try {
                while (!queue.offer(batch, 50, TimeUnit.MILLISECONDS)) {
                    if (loop.isDone()) {
                        await(loop); // a failed commit fails the reading thread here
                        throw new IllegalStateException("the import's committing thread has stopped");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException("the import was interrupted", e);
            }
        }

        private void await(Future<?> f) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException("the import was interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new CompletionException(e.getCause());
            }
        }

        private Void commitAll() throws InterruptedException {
            Batch next = queue.take();
            while (next != END) {
                next = commitGroup(next);
            }
            return null;
        }

        /** Commits {@code first} and the batches that follow it in time; returns the batch after the group. */
        private Batch commitGroup(Batch first) throws InterruptedException {
            Batch[] after = {null};
            long now = clock.now();
            Set<Integer> channels = db.writeBulk(cfg -> {
                DSLContext tx = DSL.using(cfg);
                if (tx.dialect() == SQLDialect.SQLITE) {
                    // SQLite's default page cache (2 MB) thrashes on the indexes of a table of millions of rows
                    tx.execute("PRAGMA cache_size = -" + SQLITE_CACHE_KIB);
                }
                long started = System.nanoTime();
                long rows = 0;
                Set<Integer> announced = new TreeSet<>();
                Batch batch = first;
                while (true) {
                    announced.addAll(write(tx, jobId, sourceId, batch, now));
                    rows += batch.rows();
                    // a decision (a takedown) waiting here or in another process goes before the rest of the group
                    if (rows >= GROUP_ROWS || System.nanoTime() - started >= GROUP_MILLIS * 1_000_000 || db.writerWaiting()) {
                        break;
                    }
                    Batch more = queue.poll(NEXT_BATCH_MILLIS, TimeUnit.MILLISECONDS);
                    if (more == null || more == END) {
                        after[0] = more;
                        break;
                    }
                    batch = more;
                }
                return announced;
            });
            // auto-approve rules may have put imported quotes on air: tell the screens after the commit
            comments.announce(channels);
            if (progress != null) {
                progress.committed(jobView(jobId));
            }
            return after[0] != null ? after[0] : queue.take();
        }

        @Override
        public void close() {
            thread.shutdownNow();
            indexing.close();
        }
    }

    ImportService.ImportResult run(int jobId, int sourceId, String sourceName, Path file, Mapping mapping, ImportService.Progress progress) {
        try (Committer committer = new Committer(jobId, sourceId, progress)) {
            return run(jobId, sourceName, file, mapping, committer);
        }
    }

    private ImportService.ImportResult run(int jobId, String sourceName, Path file, Mapping mapping, Committer committer) {
        Chunk chunk = new Chunk();
        CsvFiles.Encoding encoding;
        try {
            encoding = CsvFiles.detect(file);
        } catch (IOException e) {
            return finish(jobId, committer, "failed", "cannot read the file: " + e.getMessage());
        }
        ZoneId zone = mapping.zone(serverZone);
        DateTimeFormatter custom = mapping.dateFormat() == null ? null : Values.pattern(mapping.dateFormat(), java.util.Locale.ENGLISH);
        try (CsvFiles.CountingInputStream counting = new CsvFiles.CountingInputStream(Files.newInputStream(file))) {
            CsvFiles.Opened opened = CsvFiles.open(counting, encoding);
            db.write(cfg -> DSL.using(cfg).update(IMPORT_JOB).set(IMPORT_JOB.ENCODING, encoding.label())
                    .set(IMPORT_JOB.DELIMITER, CsvFiles.describe(opened.delimiter())).where(IMPORT_JOB.ID.eq(jobId)).execute());
            try (CSVParser parser = opened.parser()) {
                return parse(jobId, sourceName, parser, opened.lineOffset(), mapping, zone, custom, counting, chunk, committer);
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            String why = e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause().getMessage() : e.getMessage();
            committer.submit(chunk.take(-1));
            return finish(jobId, committer, "failed", "the file could not be read past row " + chunk.totalRows
                    + ": " + why + ". The rows before it are imported; fix the file and import it again.");
        }
    }

    private ImportService.ImportResult parse(int jobId, String sourceName, CSVParser parser, long lineOffset,
                                             Mapping mapping, ZoneId zone, DateTimeFormatter custom,
                                             CsvFiles.CountingInputStream counting, Chunk chunk, Committer committer) {
        Iterator<CSVRecord> it = parser.iterator();
        long nextLine = 1 + lineOffset;
        List<CSVRecord> headers = new ArrayList<>();
        while (headers.size() < Math.max(1, mapping.headerRows())) {
            if (!it.hasNext()) {
                break;
            }
            CSVRecord h = it.next();
            nextLine = parser.getCurrentLineNumber() + 1 + lineOffset;
            headers.add(h);
        }
        if (headers.isEmpty()) {
            return finish(jobId, committer, "failed", "the file is empty");
        }
        CSVRecord names = headers.get(0);
        String headerJson = cells(names);
        db.write(cfg -> DSL.using(cfg).update(IMPORT_JOB).set(IMPORT_JOB.HEADER_CELLS, headerJson)
                .where(IMPORT_JOB.ID.eq(jobId)).execute());
        List<String> missing = new ArrayList<>();
        Map<String, Integer> columnOf = columns(names, mapping, missing);
        if (!columnOf.containsKey("externalId")) {
            chunk.errors.add(new Pending(1 + lineOffset, mapping.column("externalId"),
                    "the column that identifies each answer is not in the file; its columns are: " + String.join(", ", names.values())));
            chunk.storedErrors++;
            committer.submit(chunk.take(counting.count()));
            return finish(jobId, committer, "failed", "column '" + mapping.column("externalId")
                    + "' (externalId) is not in the file; set the mapping of this source");
        }
        // Qualtrics' third header row says the time zone of its dates: {"ImportId":"recordedDate","timeZone":"..."}
        if (headers.size() >= 3 && columnOf.containsKey("respondedAt")) {
            zone = qualtricsZone(headers.get(2), columnOf.get("respondedAt"), zone);
        }
        int width = names.size();
        Values.Dates dates = new Values.Dates(zone, custom);
        while (it.hasNext()) {
            CSVRecord rec = it.next();
            long line = nextLine;
            nextLine = parser.getCurrentLineNumber() + 1 + lineOffset;
            if (rec.size() == 1 && rec.get(0).isBlank()) {
                continue; // an empty line
            }
            chunk.rows++;
            chunk.totalRows++;
            List<Pending> problems = new ArrayList<>();
            if (rec.size() < width || (rec.size() > width && !blankFrom(rec, width))) {
                problems.add(new Pending(line, null, "has " + rec.size() + " fields where the header has " + width
                        + " (a stray delimiter or quote?)"));
            } else {
                FeedbackInput input = toInput(rec, line, sourceName, mapping, columnOf, names, dates, problems);
                if (input != null) {
                    chunk.valid.add(input);
                    if (input.hasComment()) {
                        chunk.assessed.put(input, assess(input));
                    }
                }
            }
            if (!problems.isEmpty()) {
                chunk.rejectedRows++;
                // the row's id and cells go with its first problem: the rejected-rows file lists each row once
                Integer idColumn = columnOf.get("externalId");
                String id = idColumn != null && idColumn < rec.size() ? rec.get(idColumn).strip() : null;
                String rowCells = cells(rec);
                for (int i = 0; i < problems.size(); i++) {
                    if (chunk.storedErrors < MAX_STORED_ERRORS) {
                        chunk.errors.add(i == 0 ? problems.get(i).of(id, rowCells) : problems.get(i).of(id, null));
                        chunk.storedErrors++;
                    }
                }
            }
            if (chunk.full()) {
                committer.submit(chunk.take(counting.count()));
            }
        }
        committer.submit(chunk.take(counting.count()));
        String message = missing.isEmpty() ? null : "columns not in the file, left empty: " + String.join(", ", missing);
        if (chunk.storedErrors >= MAX_STORED_ERRORS) {
            message = (message == null ? "" : message + "; ") + "only the first " + MAX_STORED_ERRORS + " row errors are listed";
        }
        return finish(jobId, committer, "done", message);
    }

    /**
     * The column of each mapped field in a header row (names compared as {@link Mapping#normalise}
     * does); the fields whose column the file lacks are added to {@code missing}.
     */
    static Map<String, Integer> columns(CSVRecord names, Mapping mapping, List<String> missing) {
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            index.putIfAbsent(Mapping.normalise(names.get(i)), i);
        }
        Map<String, Integer> columnOf = new LinkedHashMap<>();
        for (var e : mapping.columns().entrySet()) {
            Integer i = index.get(Mapping.normalise(e.getValue()));
            if (i != null) {
                columnOf.put(e.getKey(), i);
            } else if (!e.getKey().equals(e.getValue())) {
                // the generic preset offers every field; only columns named on purpose are missed
                missing.add(e.getKey() + " ('" + e.getValue() + "')");
            }
        }
        return columnOf;
    }

    /** A record's cells as a JSON array of strings, as they were in the file. */
    private static String cells(CSVRecord rec) {
        var array = Json.MAPPER.createArrayNode();
        rec.forEach(array::add);
        return Json.write(array);
    }

    static boolean blankFrom(CSVRecord rec, int from) {
        for (int i = from; i < rec.size(); i++) {
            if (!rec.get(i).isBlank()) {
                return false;
            }
        }
        return true;
    }

    static ZoneId qualtricsZone(CSVRecord importIds, int column, ZoneId fallback) {
        if (column >= importIds.size()) {
            return fallback;
        }
        try {
            JsonNode n = Json.MAPPER.readTree(importIds.get(column));
            if (n != null && n.hasNonNull("timeZone")) {
                return ZoneId.of(n.get("timeZone").asText());
            }
        } catch (IOException | java.time.DateTimeException ignored) {
            // not Qualtrics' JSON: keep the mapping's zone
        }
        return fallback;
    }

    /** One row as a feedback item, or null with the problems added (field names become column names). */
    FeedbackInput toInput(CSVRecord rec, long line, String sourceName, Mapping mapping, Map<String, Integer> columnOf,
                                  CSVRecord names, Values.Dates dates, List<Pending> problems) {
        ObjectNode item = Json.MAPPER.createObjectNode();
        item.put("source", sourceName);
        ObjectNode customer = null;
        for (var e : columnOf.entrySet()) {
            String field = e.getKey();
            String raw = rec.get(e.getValue());
            String column = names.get(e.getValue());
            if (raw.isBlank()) {
                continue;
            }
            String value = field.equals("comment") ? raw : raw.strip();
            switch (field) {
                case "score" -> {
                    Integer score = Values.score(value);
                    if (score == null) {
                        problems.add(new Pending(line, column, "score '" + clip(value) + "' is not a whole number"));
                    } else {
                        item.put("score", score);
                    }
                }
                case "respondedAt" -> {
                    String iso = dates.read(value);
                    if (iso == null) {
                        problems.add(new Pending(line, column, "date '" + clip(value) + "' cannot be read"
                                + (mapping.dateFormat() == null ? "; set the mapping's dateFormat" : " as " + mapping.dateFormat())));
                    } else {
                        item.put("respondedAt", iso);
                    }
                }
                case "consentToPublish", "consentToContact" -> {
                    Boolean yes = Values.yesNo(value);
                    if (yes == null) {
                        problems.add(new Pending(line, column, "consent '" + clip(value) + "' is neither yes nor no"));
                    } else {
                        item.put(field, yes);
                    }
                }
                case "customerName", "customerEmail", "customerSegment", "customerPhone" -> {
                    if (customer == null) {
                        customer = item.putObject("customer");
                    }
                    customer.put(field.substring("customer".length()).toLowerCase(java.util.Locale.ROOT), value);
                }
                default -> item.put(field, value);
            }
        }
        if (!item.has("language") && mapping.language() != null) {
            item.put("language", mapping.language());
        }
        if (!item.has("scoreType") && mapping.scoreType() != null && item.has("score")) {
            item.put("scoreType", mapping.scoreType());
        }
        FeedbackValidator.Result result = validator.validate(item, false);
        if (!problems.isEmpty() || !result.ok()) {
            for (FieldProblem p : result.problems()) {
                problems.add(new Pending(line, columnFor(p.field(), mapping), p.field() + " " + p.problem()));
            }
            return null;
        }
        // a row keeps no payload (a million rows would double the store), but the wish to be
        // contacted and the phone live only there, where the follow-up reads them (followup/CaseOpener)
        ObjectNode contact = contactOnly(item);
        return contact == null ? result.input() : result.input().withPayload(Json.write(contact));
    }

    /** {"consentToContact": true, "customer": {"phone"}} of an item when it has either, else null. */
    private static ObjectNode contactOnly(ObjectNode item) {
        JsonNode consent = item.path("consentToContact").asBoolean(false) ? item.get("consentToContact") : null;
        JsonNode phone = item.path("customer").get("phone");
        if (consent == null && phone == null) {
            return null;
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        if (consent != null) {
            out.set("consentToContact", consent);
        }
        if (phone != null) {
            out.putObject("customer").set("phone", phone);
        }
        return out;
    }

    private static String columnFor(String field, Mapping mapping) {
        String f = field.startsWith("customer.")
                ? "customer" + Character.toUpperCase(field.charAt(9)) + field.substring(10)
                : field;
        return mapping.column(f);
    }

    private static String clip(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    private CommentIntake.Prepared assess(FeedbackInput in) {
        return writer.prepare(in);
    }

    /** Writes a batch's rows, their errors and the job's progress in the caller's transaction; the channels to announce. */
    private Set<Integer> write(DSLContext tx, int jobId, int sourceId, Batch batch, long now) {
        // the job's row first: on SQLite it takes the write lock before anything is read, so that
        // a server and a command-line import writing the same file wait for each other
        var progressed = tx.update(IMPORT_JOB)
                .set(IMPORT_JOB.ROWS_READ, IMPORT_JOB.ROWS_READ.plus(batch.rows()))
                .set(IMPORT_JOB.REJECTED_COUNT, IMPORT_JOB.REJECTED_COUNT.plus(batch.rejectedRows()));
        (batch.doneBytes() >= 0 ? progressed.set(IMPORT_JOB.DONE_BYTES, batch.doneBytes()) : progressed)
                .where(IMPORT_JOB.ID.eq(jobId)).execute();
        FeedbackBatchWriter.Counts c = writer.write(tx, batch.valid(), in -> {
            CommentIntake.Prepared a = batch.assessed().get(in);
            return a != null ? a : assess(in);
        }, now);
        if (!batch.errors().isEmpty()) {
            var insert = tx.insertInto(IMPORT_ROW_ERROR, IMPORT_ROW_ERROR.JOB_ID, IMPORT_ROW_ERROR.LINE,
                    IMPORT_ROW_ERROR.COLUMN_NAME, IMPORT_ROW_ERROR.PROBLEM, IMPORT_ROW_ERROR.EXTERNAL_ID, IMPORT_ROW_ERROR.CELLS);
            for (Pending p : batch.errors()) {
                insert = insert.values(jobId, p.line(), p.column(), p.problem(), p.externalId(), p.cells());
            }
            insert.execute();
        }
        tx.update(IMPORT_JOB)
                .set(IMPORT_JOB.CREATED_COUNT, IMPORT_JOB.CREATED_COUNT.plus(c.created()))
                .set(IMPORT_JOB.UPDATED_COUNT, IMPORT_JOB.UPDATED_COUNT.plus(c.updated()))
                .set(IMPORT_JOB.UNCHANGED_COUNT, IMPORT_JOB.UNCHANGED_COUNT.plus(c.unchanged()))
                .where(IMPORT_JOB.ID.eq(jobId)).execute();
        SourceService.received(tx, sourceId, now, c.created() + c.updated(), batch.rejectedRows());
        return c.channels();
    }

    private SourceService.Job jobView(int jobId) {
        return SourceService.view(db.dsl().selectFrom(IMPORT_JOB).where(IMPORT_JOB.ID.eq(jobId)).fetchOne());
    }

    private ImportService.ImportResult finish(int jobId, Committer committer, String status, String message) {
        committer.drain();
        // the search index catches up with the imported quotes after this (SearchIndex.deferNewQuotes);
        // until it has, the queue's text search reads the texts themselves: every row is found at once
        long now = clock.now();
        // the job's end and what the source page says about it commit together: whoever sees the job
        // done sees its rejected rows or its failure on the source too
        db.write(cfg -> {
            DSLContext tx = DSL.using(cfg);
            tx.update(IMPORT_JOB)
                    .set(IMPORT_JOB.STATUS, status)
                    .set(IMPORT_JOB.MESSAGE, message)
                    .set(IMPORT_JOB.FINISHED_AT, now)
                    .set(IMPORT_JOB.DONE_BYTES, status.equals("done") ? IMPORT_JOB.TOTAL_BYTES : IMPORT_JOB.DONE_BYTES)
                    .where(IMPORT_JOB.ID.eq(jobId)).execute();
            Integer rejected = tx.select(IMPORT_JOB.REJECTED_COUNT).from(IMPORT_JOB).where(IMPORT_JOB.ID.eq(jobId)).fetchOne(0, Integer.class);
            if ("failed".equals(status)) {
                SourceService.recordProblem(tx, committer.sourceId, "import " + jobId + " failed: " + message, now);
            } else if (rejected != null && rejected > 0) {
                SourceService.recordProblem(tx, committer.sourceId,
                        "import " + jobId + ": " + rejected + " rows rejected (download the row errors)", now);
            }
            return null;
        });
        SourceService.Job job = jobView(jobId);
        if (committer.progress != null) {
            committer.progress.committed(job);
        }
        return new ImportService.ImportResult(job.id(), job.status(), job.rowsRead(), job.created(), job.updated(),
                job.unchanged(), job.rejected(), job.message());
    }
}
