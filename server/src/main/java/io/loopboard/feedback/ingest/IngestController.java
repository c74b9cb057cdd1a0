package io.loopboard.feedback.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.loopboard.auth.AccessControl;
import io.loopboard.core.Json;
import io.loopboard.core.Refusal;
import io.loopboard.web.JsonBody;
import io.loopboard.web.Params;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** HTTP for sources, CSV uploads, import progress and survey webhooks; thin over the services. */
public final class IngestController {

    private final SourceService sources;
    private final ImportService imports;
    private final WebhookService webhooks;

    public IngestController(SourceService sources, ImportService imports, WebhookService webhooks) {
        this.sources = sources;
        this.imports = imports;
        this.webhooks = webhooks;
    }

    /** GET /api/v1/sources: every source with its mapping, last delivery, counts, recent errors and imports. */
    public void list(Context ctx) {
        List<Map<String, Object>> out = sources.list().stream().map(s -> {
            Map<String, Object> m = view(s);
            // the true total: an answer imported again is counted once
            m.put("storedCount", sources.storedCount(s.name()));
            m.put("recentErrors", sources.recentErrors(s.id()));
            m.put("imports", sources.recentJobs(s.id(), 5));
            return m;
        }).toList();
        ctx.json(Map.of("sources", out, "presets", Mapping.PRESETS));
    }

    /** POST /api/v1/sources {name, kind, mapping?, secret?}: the secret is in the answer this once. */
    public void create(Context ctx) throws Exception {
        JsonNode body = JsonBody.anyObject(ctx).node();
        SourceService.Created c = sources.create(text(body, "name"), text(body, "kind"), body.get("mapping"),
                text(body, "secret"), AccessControl.principal(ctx).actor());
        Map<String, Object> out = view(c.source());
        if (c.secret() != null) {
            out.put("secret", c.secret());
        }
        ctx.status(201).json(out);
    }

    /** PUT /api/v1/sources/{id} {mapping?, secret?}. */
    public void update(Context ctx) throws Exception {
        JsonNode body = JsonBody.anyObject(ctx).node();
        ctx.json(view(sources.update(Params.id(ctx), body.get("mapping"), text(body, "secret"), AccessControl.principal(ctx).actor())));
    }

    /** POST /api/v1/sources/{id}/imports?filename=…: the CSV file is the raw request body, streamed to disk. */
    public void upload(Context ctx) throws Exception {
        String fileName = ctx.queryParam("filename");
        SourceService.Job job = imports.upload(Params.id(ctx), ctx.req().getInputStream(), fileName,
                AccessControl.principal(ctx).actor());
        ctx.status(202).json(job);
    }

    /**
     * POST /api/v1/sources/{id}/preview: the head of a CSV file as the raw body; the answer is
     * the mapping proposed for it with the reason for each choice, its first rows as read, and
     * the source's saved mapping.
     */
    public void preview(Context ctx) throws Exception {
        MappingDetector.Detection d = imports.preview(Params.id(ctx), ctx.req().getInputStream());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mapping", d.mapping() == null ? null : d.mapping().toJson());
        out.put("choices", d.choices());
        out.put("header", d.header());
        out.put("rows", d.rows());
        out.put("encoding", d.encoding());
        out.put("delimiter", d.delimiter());
        out.put("problems", d.problems());
        out.put("saved", sources.get(Params.id(ctx)).mapping().toJson());
        out.put("fields", Mapping.FIELDS);
        ctx.json(out);
    }

    /**
     * POST /api/v1/sources/{id}/dry-run?mapping=JSON: the whole CSV file as the raw body; what
     * an import would store and reject, and why, with nothing written.
     */
    public void dryRun(Context ctx) throws Exception {
        String mapping = ctx.queryParam("mapping");
        Mapping m = mapping == null || mapping.isBlank() ? null : Mapping.parse(mapping, "generic");
        ctx.json(imports.dryRun(Params.id(ctx), ctx.req().getInputStream(), m));
    }

    /** GET /api/v1/imports/{id}: progress and counts. */
    public void job(Context ctx) {
        ctx.json(sources.job(Params.id(ctx)));
    }

    /**
     * GET /api/v1/imports/{id}/errors.csv: every rejected row with its line, id, columns and
     * problems and its original cells, in the imported file's delimiter (RejectedRows).
     */
    public void errors(Context ctx) {
        SourceService.Job job = sources.job(Params.id(ctx));
        StringBuilder out = new StringBuilder();
        RejectedRows.write(out, RejectedRows.delimiter(job.delimiter()), sources.header(job.id()), sources.rowErrors(job.id()));
        String name = "import-" + job.id() + "-rejected-rows.csv";
        ctx.contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .result(out.toString());
    }

    /** POST /api/v1/webhooks/{source}: public, authenticated by the HMAC signature of the body. */
    public void webhook(Context ctx) {
        WebhookService.Outcome o = webhooks.receive(ctx.pathParam("source"), ctx.bodyAsBytes(), ctx::header);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("created", o.created());
        out.put("updated", o.updated());
        out.put("rejected", o.rejected());
        out.put("errors", o.errors());
        if (o.ignored() != null) {
            out.put("ignored", o.ignored());
        }
        if (!o.notes().isEmpty()) {
            out.put("notes", o.notes());
        }
        ctx.json(out);
    }

    private static Map<String, Object> view(SourceService.Source s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("name", s.name());
        m.put("kind", s.kind());
        m.put("mapping", s.mapping().toJson());
        m.put("hasSecret", s.hasSecret());
        m.put("webhookPath", s.kind().equals("csv") ? null : "/api/v1/webhooks/" + s.name());
        m.put("lastReceivedAt", s.lastReceivedAt());
        m.put("receivedCount", s.receivedCount());
        m.put("rejectedCount", s.rejectedCount());
        return m;
    }



    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw Refusal.invalid(field, "must be a string");
        }
        return v.textValue();
    }
}
