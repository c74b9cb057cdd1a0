package io.loopboard.web;

import io.loopboard.core.Json;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answers Jetty gives itself, before a request reaches Javalin (a malformed URI or header,
 * a missing Host, headers too large): the API's one JSON error shape with the same security
 * headers as every other answer, instead of Jetty's HTML page without them.
 */
public final class JettyErrors extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        HttpFields.Mutable headers = response.getHeaders();
        SecurityHeaders.ALWAYS.forEach(headers::put);
        headers.put(HttpHeader.CACHE_CONTROL, "no-store");
        headers.put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body(code)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        SecurityHeaders.ALWAYS.forEach(fields::put);
        fields.put(new HttpField(HttpHeader.CACHE_CONTROL, "no-store"));
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
        return ByteBuffer.wrap(body(status));
    }

    /** Says the status and nothing of what Jetty saw: its messages can echo the request. */
    static byte[] body(int status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", status >= 500 ? "internal_error" : "bad_request");
        String reason = HttpStatus.getMessage(status);
        body.put("message", reason == null ? "error" : reason.toLowerCase(java.util.Locale.ROOT));
        body.put("errors", List.of());
        return Json.write(body).getBytes(StandardCharsets.UTF_8);
    }
}
