package io.loopboard.feedback.ingest;

import static io.loopboard.store.generated.Tables.IMPORT_JOB;
import static io.loopboard.store.generated.Tables.IMPORT_ROW_ERROR;

import io.loopboard.core.FieldProblem;
import io.loopboard.core.Refusal;
import io.loopboard.feedback.CommentIntake;
import io.loopboard.store.Clock;
import io.loopboard.store.Database;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CSV imports: from the command line and the benchmark harness synchronously
 * ({@link #importCsv(Path, String, Mapping)}), from the admin page as a background job whose
 * progress the page polls. Uploads are streamed to a file in the data directory first, so a
 * file of any size up to {@link #MAX_UPLOAD_BYTES} never sits in memory.
 */
public final class ImportService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ImportService.class);

    /** The largest CSV upload accepted (a million-row export is about 150 MB). */
    public static final long MAX_UPLOAD_BYTES = 1024L * 1024 * 1024;

    private final Database db;
    private final Clock clock;
    private final SourceService sources;
    private final Path uploadDir;
    private final CsvImport csv;
    private final java.time.ZoneId zone;
    /** One import at a time: SQLite has one writer, and two imports would only take turns. */
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "csv-import");
        t.setDaemon(true);
        return t;
    });

    public ImportService(Database db, Clock clock, SourceService sources, CommentIntake comments,
                         Path uploadDir) {
        this(db, clock, sources, comments, uploadDir, java.time.ZoneId.systemDefault());
    }

    /** {@code zone}: where times without an offset are read unless a source's mapping names a zone. */
    public ImportService(Database db, Clock clock, SourceService sources, CommentIntake comments,
                         Path uploadDir, java.time.ZoneId zone) {
        this.db = db;
        this.clock = clock;
        this.sources = sources;
        this.uploadDir = uploadDir;
        this.zone = zone;
        this.csv = new CsvImport(db, clock, comments, zone);
    }

    /** Told after each committed chunk, with the job as committed. */
    public interface Progress {
        void committed(SourceService.Job job);
    }

    /** How an import ended. {@code status} is done or failed; the job keeps the row errors. */
    public record ImportResult(int jobId, String status, long rowsRead, long created, long updated, long unchanged,
                               long rejected, String message) {
    }

    /**
     * Imports a CSV file into the named source, synchronously, committing whole chunks of
     * {@value CsvImport#CHUNK_ROWS} rows (several per transaction when they are ready). A source that does not exist is created (kind csv);
     * a mapping given is saved to the source, null uses the source's saved mapping.
     */
    public ImportResult importCsv(Path file, String source, Mapping mapping) {
        return importCsv(file, source, mapping, "cli", null);
    }

    /** The same, reporting each committed chunk to {@code progress}. */
    public ImportResult importCsv(Path file, String source, Mapping mapping, String actor, Progress progress) {
        SourceService.Source s = sourceFor(source, mapping, actor);
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int jobId = startJob(s.id(), file.getFileName().toString(), size, actor);
        return run(jobId, s, file, progress);
    }

    /** The same from a stream, which is first copied to a temporary file (and removed after). */
    public ImportResult importCsv(InputStream in, String fileName, String source, Mapping mapping) {
        Path tmp = spool(in, Long.MAX_VALUE);
        try {
            SourceService.Source s = sourceFor(source, mapping, "cli");
            int jobId = startJob(s.id(), fileName, size(tmp), "cli");
            return run(jobId, s, tmp, null);
        } finally {
            delete(tmp);
        }
    }

    /** An upload from the admin page: stored, then imported in the background. Returns the job at once. */
    public SourceService.Job upload(int sourceId, InputStream body, String fileName, String actor) {
        SourceService.Source s = sources.get(sourceId);
        if (!s.kind().equals("csv")) {
            throw Refusal.invalid("source", "is a " + s.kind() + " webhook source; import files into a CSV source");
        }
        Path tmp = spool(body, MAX_UPLOAD_BYTES);
        int jobId = startJob(s.id(), fileName, size(tmp), actor);
        worker.submit(() -> {
            try {
                run(jobId, s, tmp, null);
            } catch (RuntimeException e) {
                log.error("import {} failed", jobId, e);
                failJob(jobId, "the import stopped on an internal error; see the server log");
            } finally {
                delete(tmp);
            }
        });
        return sources.job(jobId);
    }

    /** Proposes a mapping for a file (MappingDetector): its header words and values. */
    public MappingDetector.Detection detect(Path file) {
        try {
            return MappingDetector.detect(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What importing the file into the source would do, with nothing written. {@code mapping}
     * null: the saved mapping of the source, or for a source that does not exist yet the one
     * {@link #detect} proposes.
     */
    public CsvDryRun.Result dryRun(Path file, String source, Mapping mapping) {
        Mapping m = mapping != null ? mapping
                : sources.byName(source).map(SourceService.Source::mapping).orElseGet(() -> detect(file).mapping());
        if (m == null) {
            throw Refusal.invalid("file", "is empty");
        }
        return CsvDryRun.run(csv, db, file, source, m, zone);
    }

    /** A file from the admin page, previewed: its mapping proposed and its first rows as read. */
    public MappingDetector.Detection preview(int sourceId, InputStream body) {
        sources.get(sourceId);
        Path tmp = spool(body, MAX_UPLOAD_BYTES);
        try {
            return detect(tmp);
        } finally {
            delete(tmp);
        }
    }

    /** A file from the admin page, dry run with the given mapping (null: the source's saved one). */
    public CsvDryRun.Result dryRun(int sourceId, InputStream body, Mapping mapping) {
        SourceService.Source s = sources.get(sourceId);
        if (!s.kind().equals("csv")) {
            throw Refusal.invalid("source", "is a " + s.kind() + " webhook source; import files into a CSV source");
        }
        Path tmp = spool(body, MAX_UPLOAD_BYTES);
        try {
            return CsvDryRun.run(csv, db, tmp, s.name(), mapping == null ? s.mapping() : mapping, zone);
        } finally {
            delete(tmp);
        }
    }

    private ImportResult run(int jobId, SourceService.Source s, Path file, Progress progress) {
        // a failure or rejected rows are recorded on the source as the job ends (CsvImport.finish)
        return csv.run(jobId, s.id(), s.name(), file, s.mapping(), progress);
    }

    private SourceService.Source sourceFor(String name, Mapping mapping, String actor) {
        var existing = sources.byName(name);
        if (existing.isEmpty()) {
            return sources.create(name, "csv", mapping == null ? null : mapping.toJson(), null, actor).source();
        }
        if (!existing.get().kind().equals("csv")) {
            throw Refusal.invalid("source", "'" + name + "' is a " + existing.get().kind() + " webhook source; import files into a CSV source");
        }
        if (mapping != null && !mapping.equals(existing.get().mapping())) {
            return sources.update(existing.get().id(), mapping.toJson(), null, actor);
        }
        return existing.get();
    }

    /** How long the original cells of rejected rows are kept after their import ended: they are customer text. */
    static final long REJECTED_CELLS_DAYS = 30;

    private int startJob(int sourceId, String fileName, long totalBytes, String actor) {
        long now = clock.now();
        long expired = now - REJECTED_CELLS_DAYS * 24 * 3600 * 1000;
        db.write(cfg -> DSL.using(cfg).update(IMPORT_ROW_ERROR).set(IMPORT_ROW_ERROR.CELLS, (String) null)
                .where(IMPORT_ROW_ERROR.CELLS.isNotNull())
                .and(IMPORT_ROW_ERROR.JOB_ID.in(DSL.select(IMPORT_JOB.ID).from(IMPORT_JOB).where(IMPORT_JOB.FINISHED_AT.lt(expired))))
                .execute());
        String name = fileName == null || fileName.isBlank() ? "upload.csv" : fileName.strip();
        String clean = name.length() > 200 ? name.substring(0, 200) : name;
        return db.write(cfg -> DSL.using(cfg).insertInto(IMPORT_JOB)
                .set(IMPORT_JOB.SOURCE_ID, sourceId)
                .set(IMPORT_JOB.FILE_NAME, clean)
                .set(IMPORT_JOB.STATUS, "running")
                .set(IMPORT_JOB.TOTAL_BYTES, totalBytes)
                .set(IMPORT_JOB.STARTED_BY, actor)
                .set(IMPORT_JOB.STARTED_AT, now)
                .returning(IMPORT_JOB.ID).fetchOne().getId());
    }

    private void failJob(int jobId, String message) {
        long now = clock.now();
        db.write(cfg -> DSL.using(cfg).update(IMPORT_JOB).set(IMPORT_JOB.STATUS, "failed")
                .set(IMPORT_JOB.MESSAGE, message).set(IMPORT_JOB.FINISHED_AT, now)
                .where(IMPORT_JOB.ID.eq(jobId)).execute());
    }

    /** Copies a stream to a temporary file, refusing (413) past {@code limit} bytes. */
    private Path spool(InputStream in, long limit) {
        try {
            Files.createDirectories(uploadDir);
            Path tmp = Files.createTempFile(uploadDir, "import-", ".csv");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                byte[] buf = new byte[1 << 16];
                long total = 0;
                int n;
                while ((n = in.read(buf)) >= 0) {
                    total += n;
                    if (total > limit) {
                        throw new Refusal(Refusal.Kind.TOO_LARGE, "payload_too_large", "the file is larger than " + (limit >> 20) + " MB",
                                java.util.List.of(new FieldProblem("body", "is larger than " + (limit >> 20) + " MB")));
                    }
                    out.write(buf, 0, n);
                }
            } catch (IOException | RuntimeException e) {
                delete(tmp);
                throw e;
            }
            return tmp;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the upload", e);
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            log.warn("could not delete {}", p, e);
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
