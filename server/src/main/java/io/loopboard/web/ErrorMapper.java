package io.loopboard.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.validation.ValidationException;
import io.loopboard.core.FieldProblem;
import io.loopboard.core.Refusal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one error shape of the HTTP API:
 * {@code {"status":400,"error":"bad_request","message":"...","errors":[{"field":"score","problem":"..."}]}}.
 * 5xx answers are logged with a correlation id and tell the client only that id.
 */
public final class ErrorMapper {

    private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);

    private ErrorMapper() {
    }

    public static void register(RoutesConfig routes) {
        routes.exception(Refusal.class, (e, ctx) -> respond(ctx, status(e.kind()), e.code(), e.getMessage(), e.problems()));
        routes.exception(JsonProcessingException.class, (e, ctx) -> respond(ctx, 400, "malformed_json",
                "body: not valid JSON (" + e.getOriginalMessage() + ")",
                List.of(new FieldProblem("body", "not valid JSON"))));
        routes.exception(ValidationException.class, (e, ctx) -> {
            List<FieldProblem> problems = new java.util.ArrayList<>();
            e.getErrors().forEach((field, errors) -> errors.forEach(err ->
                    problems.add(new FieldProblem(field, err.getMessage()))));
            respond(ctx, 400, "bad_request", problems.isEmpty() ? "invalid request" :
                    problems.get(0).field() + ": " + problems.get(0).problem(), problems);
        });
        routes.exception(HttpResponseException.class, (e, ctx) -> respond(ctx, e.getStatus(),
                codeFor(e.getStatus()), e.getMessage(), List.of()));
        routes.exception(Exception.class, (e, ctx) -> {
            String aborted = abortReason(e);
            if (aborted != null) {
                // a client that stalled, went away or sent too slowly: one line, not a stack trace per connection
                log.warn("request aborted: {} {} from {}: {}", ctx.method(), ctx.path(), ctx.req().getRemoteAddr(), aborted);
                respond(ctx, 408, "request_timeout", "the request body did not arrive in time", List.of());
                return;
            }
            String id = UUID.randomUUID().toString();
            log.error("unhandled error {} on {} {}", id, ctx.method(), ctx.path(), e);
            respond(ctx, 500, "internal_error", "internal error; reference " + id, List.of());
        });
        routes.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                respond(ctx, 404, "not_found", "no such resource: " + ctx.path(), List.of());
            }
        });
    }

    /** The one place a feature's refusal becomes an HTTP status. */
    public static int status(Refusal.Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case TOO_LARGE -> 413;
            case UNSUPPORTED_TYPE -> 415;
        };
    }

    /**
     * Why reading the request failed when the client, not the server, is the cause (an idle or
     * too slow body, a closed connection); null for any other failure.
     */
    static String abortReason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.io.EOFException || t instanceof java.util.concurrent.TimeoutException
                    || t instanceof java.nio.channels.ClosedChannelException
                    || t instanceof org.eclipse.jetty.http.HttpException
                    || (t instanceof java.io.IOException && t.getClass().getName().startsWith("org.eclipse.jetty."))
                    || (t instanceof java.io.IOException && readingTheBody(t))) {
                String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
                return message.replaceAll("[\\p{Cntrl}]", " ");
            }
        }
        return null;
    }

    /**
     * Whether the failure came from reading the request's body: Jetty reports a body the
     * connection lost or refused (too slow, closed, "Unconsumed") as a plain IOException
     * thrown from its servlet input stream, which is the client's side, not a server fault.
     */
    private static boolean readingTheBody(Throwable t) {
        for (StackTraceElement frame : t.getStackTrace()) {
            if (frame.getClassName().equals("org.eclipse.jetty.ee10.servlet.HttpInput")) {
                return true;
            }
        }
        return false;
    }

    public static void respond(Context ctx, int status, String code, String message, List<FieldProblem> problems) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", code);
        body.put("message", message);
        body.put("errors", problems);
        ctx.status(status).json(body);
    }

    private static String codeFor(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "payload_too_large";
            case 408 -> "request_timeout";
            case 415 -> "unsupported_media_type";
            default -> status >= 500 ? "internal_error" : "error";
        };
    }
}
