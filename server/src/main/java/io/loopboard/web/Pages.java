package io.loopboard.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Serves the server's own HTML pages from the classpath folder {@code web/}. */
public final class Pages {

    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    public void serve(Context ctx, String name) {
        byte[] html = cache.computeIfAbsent(name, Pages::load);
        ctx.contentType("text/html; charset=utf-8").result(html);
    }

    private static byte[] load(String name) {
        try (InputStream in = Pages.class.getResourceAsStream("/web/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing page web/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
