package io.loopboard.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * A request body the client stalled on or the connection lost is the client's side: one log
 * line and a 408, never an "unhandled error" with a stack trace. Jetty reports some of these as
 * a plain IOException from its servlet input stream ("Unconsumed", seen when a thousand slow
 * bodies were cut off at once); a server fault elsewhere stays a 500.
 */
class ErrorMapperTest {

    private static IOException thrownBy(String className, String message) {
        IOException e = new IOException(message);
        e.setStackTrace(new StackTraceElement[] {
            new StackTraceElement(className, "read", "Source.java", 288),
            new StackTraceElement("io.javalin.http.Context", "bodyAsBytes", "Context.kt", 147),
        });
        return e;
    }

    @Test
    void a_failed_read_of_the_request_body_is_an_aborted_request() {
        assertEquals("Unconsumed", ErrorMapper.abortReason(thrownBy("org.eclipse.jetty.ee10.servlet.HttpInput", "Unconsumed")));
        assertEquals("408: Request content data rate < 1024 B/s after 5 s", ErrorMapper.abortReason(
                new IOException(new org.eclipse.jetty.http.BadMessageException(408, "Request content data rate < 1024 B/s after 5 s"))));
    }

    @Test
    void an_io_failure_of_the_server_itself_is_not() {
        assertNull(ErrorMapper.abortReason(thrownBy("io.loopboard.feedback.ingest.ImportService", "No space left on device")));
        assertNull(ErrorMapper.abortReason(new IllegalStateException("a bug")));
    }
}
