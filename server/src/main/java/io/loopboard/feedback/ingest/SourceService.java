package io.loopboard.feedback.ingest;

import static io.loopboard.store.generated.Tables.IMPORT_JOB;
import static io.loopboard.store.generated.Tables.IMPORT_ROW_ERROR;
import static io.loopboard.store.generated.Tables.INGEST_ERROR;
import static io.loopboard.store.generated.Tables.INGEST_SOURCE;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopboard.auth.Secrets;
import io.loopboard.core.Json;
import io.loopboard.core.Refusal;
import io.loopboard.core.TextRules;
import io.loopboard.store.AuditLog;
import io.loopboard.store.Clock;
import io.loopboard.store.Database;
import io.loopboard.store.generated.tables.records.ImportJobRecord;
import io.loopboard.store.generated.tables.records.IngestSourceRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The sources feedback comes from: their kind, mapping and webhook secret, when they last
 * delivered, how much, and their recent problems; and the import jobs of CSV files.
 */
public final class SourceService {

    public static final Set<String> KINDS = Set.of("csv", "delighted", "typeform", "webhook");
    /** How many recent problems a source keeps. */
    public static final int RECENT_ERRORS = 20;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final Database db;
    private final Clock clock;
    /** Webhook secrets are stored sealed with this (AES-GCM) and opened only to check a signature. */
    private final io.loopboard.auth.SecretBox secrets;

    public SourceService(Database db, Clock clock, io.loopboard.auth.SecretBox secrets) {
        this.db = db;
        this.clock = clock;
        this.secrets = secrets;
    }

    /** Seals webhook secrets stored in clear by a version before encryption at rest. */
    public void sealStoredSecrets() {
        var clear = db.dsl().select(INGEST_SOURCE.ID, INGEST_SOURCE.WEBHOOK_SECRET).from(INGEST_SOURCE)
                .where(INGEST_SOURCE.WEBHOOK_SECRET.isNotNull()).fetch()
                .stream().filter(r -> !io.loopboard.auth.SecretBox.isSealed(r.value2())).toList();
        for (var r : clear) {
            db.write(cfg -> DSL.using(cfg).update(INGEST_SOURCE).set(INGEST_SOURCE.WEBHOOK_SECRET, secrets.seal(r.value2()))
                    .where(INGEST_SOURCE.ID.eq(r.value1())).execute());
        }
    }

    /** A source as the API shows it: never its secret. */
    public record Source(int id, String name, String kind, Mapping mapping, boolean hasSecret, Long lastReceivedAt,
                         long receivedCount, long rejectedCount) {
    }

    public record Problem(long at, String problem) {
    }

    public record Job(int id, int sourceId, String fileName, String status, String encoding, String delimiter,
                      long totalBytes, long doneBytes, long rowsRead, long created, long updated, long unchanged,
                      long rejected, String message, String startedBy, long startedAt, Long finishedAt) {
    }

    /** A problem of a rejected row; {@code externalId} and {@code cells} (the row as in the file, JSON) when known. */
    public record RowError(long line, String column, String problem, String externalId, String cells) {
        public RowError(long line, String column, String problem) {
            this(line, column, problem, null, null);
        }
    }

    /** A new source, and its secret in clear this once (null for CSV sources). */
    public record Created(Source source, String secret) {
    }

    public Created create(String name, String kind, JsonNode mapping, String secret, String actor) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw Refusal.invalid("name", "must be 1-100 letters, digits, '.', '_' or '-' (it is part of the webhook URL)");
        }
        if (kind == null || !KINDS.contains(kind)) {
            throw Refusal.invalid("kind", "must be csv, delighted, typeform or webhook");
        }
        Mapping m = Mapping.parse(mapping, Mapping.forKind(kind).preset());
        String s = kind.equals("csv") ? null : checkSecret(secret == null || secret.isBlank() ? Secrets.newToken("lbw_") : secret);
        long now = clock.now();
        int id = db.write(cfg -> {
            DSLContext tx = DSL.using(cfg);
            if (tx.fetchExists(INGEST_SOURCE, INGEST_SOURCE.NAME.eq(name))) {
                throw Refusal.conflict("name", "a source named '" + name + "' exists already");
            }
            IngestSourceRecord r = tx.newRecord(INGEST_SOURCE);
            r.setName(name);
            r.setKind(kind);
            r.setMappingJson(Json.write(m.toJson()));
            r.setWebhookSecret(secrets.seal(s));
            r.setCreatedAt(now);
            r.setUpdatedAt(now);
            r.store();
            AuditLog.record(tx, now, actor, "source.create", "ingest_source", r.getId(), null,
                    Map.of("name", name, "kind", kind, "mapping", m.toJson()));
            return r.getId();
        });
        return new Created(get(id), s);
    }

    /** Changes a source's mapping and/or secret; the name and kind stay. */
    public Source update(int id, JsonNode mapping, String secret, String actor) {
        long now = clock.now();
        db.write(cfg -> {
            DSLContext tx = DSL.using(cfg);
            IngestSourceRecord r = tx.selectFrom(INGEST_SOURCE).where(INGEST_SOURCE.ID.eq(id)).fetchOne();
            if (r == null) {
                throw Refusal.notFound("source " + id);
            }
            Map<String, Object> before = Map.of("mapping", Json.MAPPER.readTree(r.getMappingJson()));
            if (mapping != null && !mapping.isNull()) {
                // settings left out keep their saved values; naming a preset starts from it
                Mapping changed = mapping.isObject() ? Mapping.parse(mapping, stored(r))
                        : Mapping.parse(mapping, Mapping.forKind(r.getKind()).preset());
                r.setMappingJson(Json.write(changed.toJson()));
            }
            Map<String, Object> after = new LinkedHashMap<>(Map.of("mapping", Json.MAPPER.readTree(r.getMappingJson())));
            if (secret != null) {
                if (r.getKind().equals("csv")) {
                    throw Refusal.invalid("secret", "a CSV source has no webhook secret");
                }
                r.setWebhookSecret(secrets.seal(checkSecret(secret)));
                after.put("secret", "changed");
            }
            r.setUpdatedAt(now);
            r.store();
            AuditLog.record(tx, now, actor, "source.update", "ingest_source", id, before, after);
            return null;
        });
        return get(id);
    }

    private static String checkSecret(String secret) {
        String problem = secret.length() < 16 ? "must be at least 16 characters" : TextRules.problem(secret, 500, false);
        if (problem != null) {
            throw Refusal.invalid("secret", problem);
        }
        return secret;
    }

    public Source get(int id) {
        IngestSourceRecord r = db.dsl().selectFrom(INGEST_SOURCE).where(INGEST_SOURCE.ID.eq(id)).fetchOne();
        if (r == null) {
            throw Refusal.notFound("source " + id);
        }
        return view(r);
    }

    public java.util.Optional<Source> byName(String name) {
        return db.dsl().selectFrom(INGEST_SOURCE).where(INGEST_SOURCE.NAME.eq(name)).fetchOptional().map(SourceService::view);
    }

    /** The secret of a webhook source, for verifying a signature. */
    String secret(int id) {
        return secrets.open(db.dsl().select(INGEST_SOURCE.WEBHOOK_SECRET).from(INGEST_SOURCE).where(INGEST_SOURCE.ID.eq(id))
                .fetchOne(INGEST_SOURCE.WEBHOOK_SECRET));
    }

    public List<Source> list() {
        return db.dsl().selectFrom(INGEST_SOURCE).orderBy(INGEST_SOURCE.NAME).fetch(SourceService::view);
    }

    public List<Problem> recentErrors(int sourceId) {
        return db.dsl().select(INGEST_ERROR.AT, INGEST_ERROR.PROBLEM).from(INGEST_ERROR)
                .where(INGEST_ERROR.SOURCE_ID.eq(sourceId))
                .orderBy(INGEST_ERROR.AT.desc(), INGEST_ERROR.ID.desc()).limit(RECENT_ERRORS)
                .fetch(r -> new Problem(r.value1(), r.value2()));
    }

    /** Notes a delivery: counts and the last received time, in the caller's transaction. */
    static void received(DSLContext tx, int sourceId, long now, long stored, long rejected) {
        tx.update(INGEST_SOURCE)
                .set(INGEST_SOURCE.LAST_RECEIVED_AT, now)
                .set(INGEST_SOURCE.RECEIVED_COUNT, INGEST_SOURCE.RECEIVED_COUNT.plus(stored))
                .set(INGEST_SOURCE.REJECTED_COUNT, INGEST_SOURCE.REJECTED_COUNT.plus(rejected))
                .where(INGEST_SOURCE.ID.eq(sourceId)).execute();
    }

    /** Records a problem of a source (a refused signature, an unreadable payload, a failed import). */
    public void problem(int sourceId, String problem) {
        long now = clock.now();
        db.write(cfg -> {
            recordProblem(DSL.using(cfg), sourceId, problem, now);
            return null;
        });
    }

    /** Records a problem of a source inside the caller's transaction (an import records its outcome with its status). */
    static void recordProblem(DSLContext tx, int sourceId, String problem, long now) {
        String text = problem.length() > 1000 ? problem.substring(0, 1000) + "…" : problem;
        tx.insertInto(INGEST_ERROR).set(INGEST_ERROR.SOURCE_ID, sourceId).set(INGEST_ERROR.AT, now)
                .set(INGEST_ERROR.PROBLEM, text).execute();
        // keep the newest few: a flood of forged requests must not fill the disk
        tx.deleteFrom(INGEST_ERROR).where(INGEST_ERROR.SOURCE_ID.eq(sourceId)).and(INGEST_ERROR.ID.notIn(
                DSL.select(INGEST_ERROR.ID).from(INGEST_ERROR).where(INGEST_ERROR.SOURCE_ID.eq(sourceId))
                        .orderBy(INGEST_ERROR.ID.desc()).limit(RECENT_ERRORS))).execute();
    }

    // ---- import jobs

    public Job job(int id) {
        ImportJobRecord r = db.dsl().selectFrom(IMPORT_JOB).where(IMPORT_JOB.ID.eq(id)).fetchOne();
        if (r == null) {
            throw Refusal.notFound("import " + id);
        }
        return view(r);
    }

    public List<Job> recentJobs(int sourceId, int limit) {
        return db.dsl().selectFrom(IMPORT_JOB).where(IMPORT_JOB.SOURCE_ID.eq(sourceId))
                .orderBy(IMPORT_JOB.ID.desc()).limit(limit).fetch(SourceService::view);
    }

    public List<RowError> rowErrors(int jobId) {
        return db.dsl().select(IMPORT_ROW_ERROR.LINE, IMPORT_ROW_ERROR.COLUMN_NAME, IMPORT_ROW_ERROR.PROBLEM,
                        IMPORT_ROW_ERROR.EXTERNAL_ID, IMPORT_ROW_ERROR.CELLS)
                .from(IMPORT_ROW_ERROR).where(IMPORT_ROW_ERROR.JOB_ID.eq(jobId))
                .orderBy(IMPORT_ROW_ERROR.LINE, IMPORT_ROW_ERROR.ID)
                .fetch(r -> new RowError(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }

    /** The header row of an import's file (its column names), empty when it was not read. */
    public List<String> header(int jobId) {
        String json = db.dsl().select(IMPORT_JOB.HEADER_CELLS).from(IMPORT_JOB).where(IMPORT_JOB.ID.eq(jobId))
                .fetchOne(IMPORT_JOB.HEADER_CELLS);
        return RejectedRows.strings(json);
    }

    /** How many answers a source holds now: its true total (importing a file again adds nothing). */
    public long storedCount(String sourceName) {
        return db.dsl().fetchCount(io.loopboard.store.generated.Tables.FEEDBACK,
                io.loopboard.store.generated.Tables.FEEDBACK.SOURCE.eq(sourceName));
    }

    /**
     * Jobs left "running" by a process that died (a crash, a kill, a power cut) are marked
     * interrupted when the server starts; what they committed stays, and running the same
     * import again completes it.
     */
    public int markInterrupted() {
        long now = clock.now();
        return db.write(cfg -> DSL.using(cfg).update(IMPORT_JOB)
                .set(IMPORT_JOB.STATUS, "interrupted")
                .set(IMPORT_JOB.FINISHED_AT, now)
                .set(IMPORT_JOB.MESSAGE, "the server stopped during the import; import the file again to complete it")
                .where(IMPORT_JOB.STATUS.eq("running")).execute());
    }

    static Mapping stored(IngestSourceRecord r) {
        try {
            return Mapping.parse(Json.MAPPER.readTree(r.getMappingJson()), Mapping.forKind(r.getKind()).preset());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored mapping of source " + r.getId() + " is not JSON", e);
        }
    }

    private static Source view(IngestSourceRecord r) {
        return new Source(r.getId(), r.getName(), r.getKind(), stored(r), r.getWebhookSecret() != null,
                r.getLastReceivedAt(), r.getReceivedCount(), r.getRejectedCount());
    }

    static Job view(ImportJobRecord r) {
        return new Job(r.getId(), r.getSourceId(), r.getFileName(), r.getStatus(), r.getEncoding(), r.getDelimiter(),
                r.getTotalBytes(), r.getDoneBytes(), r.getRowsRead(), r.getCreatedCount(), r.getUpdatedCount(),
                r.getUnchangedCount(), r.getRejectedCount(), r.getMessage(), r.getStartedBy(), r.getStartedAt(),
                r.getFinishedAt());
    }
}
