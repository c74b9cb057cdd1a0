package io.loopboard.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.loopboard.core.FieldProblem;
import io.loopboard.core.Json;
import io.loopboard.core.Refusal;
import java.util.LinkedHashMap;
import java.util.Map;

/** POST /api/v1/feedback. */
public final class FeedbackController {

    private final FeedbackService service;

    public FeedbackController(FeedbackService service) {
        this.service = service;
    }

    public void ingest(Context ctx) throws Exception {
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
            throw new Refusal(Refusal.Kind.UNSUPPORTED_TYPE, "unsupported_media_type", "Content-Type must be application/json",
                    java.util.List.of(new FieldProblem("Content-Type", "must be application/json")));
        }
        // bodyAsBytes enforces the request size limit (413) before anything is parsed.
        JsonNode body = FeedbackValidator.readBody(ctx.bodyAsBytes());
        FeedbackService.IngestResult result = service.ingest(body);
        Map<String, Object> out = new LinkedHashMap<>();
        boolean allRejected = result.created() + result.updated() == 0 && result.rejected() > 0;
        if (allRejected) {
            out.put("status", 400);
            out.put("error", "bad_request");
            out.put("message", "every item was rejected; see errors");
        }
        out.put("created", result.created());
        out.put("updated", result.updated());
        out.put("rejected", result.rejected());
        out.put("errors", result.errors());
        ctx.status(allRejected ? 400 : 200).json(out);
    }
}
