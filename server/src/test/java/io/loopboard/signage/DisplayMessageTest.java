package io.loopboard.signage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopboard.core.Json;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The display protocol's messages as they go over the socket (docs/display-protocol.md). */
class DisplayMessageTest {

    @Test
    void what_the_server_sends_has_its_type_first_and_the_documented_fields() throws Exception {
        assertEquals("{\"type\":\"hello\",\"protocol\":1,\"serverTime\":1700000000000,\"screen\":{\"id\":4,\"name\":\"Kassa 2 – Åre\"},"
                + "\"maxStaleMillis\":86400000,\"heartbeatMillis\":15000}",
                Json.write(new DisplayMessage.Hello(1, 1_700_000_000_000L, new DisplayMessage.Hello.ScreenRef(4, "Kassa 2 – Åre"),
                        86_400_000L, 15_000L)));
        assertEquals("{\"type\":\"time\",\"clientSent\":12,\"serverTime\":34}", Json.write(new DisplayMessage.Time(12, 34)));
        assertEquals("{\"type\":\"error\",\"code\":\"invalid_token\",\"message\":\"This screen's token was revoked.\"}",
                Json.write(new DisplayMessage.Error("invalid_token", "This screen's token was revoked.")));
        assertEquals("{\"type\":\"pairing\",\"code\":\"ABC234\"}", Json.write(new DisplayMessage.Pairing("ABC234")));
        assertEquals("{\"type\":\"paired\",\"token\":\"t-1\"}", Json.write(new DisplayMessage.Paired("t-1")));
        assertEquals("{\"type\":\"identify\",\"name\":\"<b>Entré</b> 😀\",\"seconds\":8}",
                Json.write(new DisplayMessage.Identify("<b>Entré</b> 😀", 8)));
        assertEquals("{\"type\":\"reload\"}", Json.write(new DisplayMessage.Reload()));
    }

    @Test
    void what_a_screen_sends_is_read_leniently_and_anything_else_is_nothing() throws Exception {
        assertEquals(Optional.of(new DisplayMessage.FromScreen.TimeProbe(99)), read("{\"type\":\"time\",\"clientSent\":99}"));
        assertEquals(Optional.of(new DisplayMessage.FromScreen.TimeProbe(0)), read("{\"type\":\"time\",\"clientSent\":\"soon\"}"));
        assertEquals(Optional.of(new DisplayMessage.FromScreen.Ack(7, "quote-3")), read("{\"type\":\"ack\",\"version\":7,\"showing\":\"quote-3\"}"));
        assertEquals(Optional.of(new DisplayMessage.FromScreen.Ack(-1, null)), read("{\"type\":\"ack\",\"showing\":null}"));
        assertEquals(Optional.of(new DisplayMessage.FromScreen.Status("1.4", 1920, 1080)),
                read("{\"type\":\"status\",\"clientVersion\":\"1.4\",\"width\":1920,\"height\":1080}"));
        assertEquals(Optional.of(new DisplayMessage.FromScreen.Status("", 0, 0)), read("{\"type\":\"status\"}"));
        assertEquals(Optional.empty(), read("{\"type\":\"hello\"}"));
        assertEquals(Optional.empty(), read("[1,2]"));
        assertEquals(Optional.empty(), read("{\"no\":\"type\"}"));
    }

    private static Optional<DisplayMessage.FromScreen> read(String json) throws Exception {
        return DisplayMessage.FromScreen.read(Json.MAPPER.readTree(json));
    }
}
