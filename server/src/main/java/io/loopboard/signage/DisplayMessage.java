package io.loopboard.signage;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The messages of the display protocol besides {@link Playlist} (docs/display-protocol.md):
 * what the server sends a screen or a pairing page, each written as a JSON object with its
 * {@code type} first, and what a screen sends the server ({@link FromScreen}).
 */
@JsonPropertyOrder({"type"})
public sealed interface DisplayMessage {

    @JsonProperty("type")
    String type();

    /** First message on a screen's socket: protocol, server clock, who the screen is, its freshness limits. */
    record Hello(int protocol, long serverTime, ScreenRef screen, long maxStaleMillis, long heartbeatMillis) implements DisplayMessage {
        public record ScreenRef(int id, String name) {
        }

        @Override
        public String type() {
            return "hello";
        }
    }

    /** The answer to a screen's clock probe. */
    record Time(long clientSent, long serverTime) implements DisplayMessage {
        @Override
        public String type() {
            return "time";
        }
    }

    /** Why the server closes a screen's socket ({@code invalid_token}). */
    record Error(String code, String message) implements DisplayMessage {
        @Override
        public String type() {
            return "error";
        }
    }

    /** The pairing code a pairing page shows. */
    record Pairing(String code) implements DisplayMessage {
        @Override
        public String type() {
            return "pairing";
        }
    }

    /** The screen's token once an admin paired the code. */
    record Paired(String token) implements DisplayMessage {
        @Override
        public String type() {
            return "paired";
        }
    }

    /** Command: show the screen's name big, over everything, for {@code seconds}. */
    record Identify(String name, int seconds) implements DisplayMessage {
        @Override
        public String type() {
            return "identify";
        }
    }

    /** Command: reload the page. */
    record Reload() implements DisplayMessage {
        @Override
        public String type() {
            return "reload";
        }
    }

    /**
     * What a screen sends. Read leniently, as a screen is not a place for error dialogues: a
     * missing or odd field takes its default, an unknown or unreadable message is none.
     */
    sealed interface FromScreen {

        /** A clock probe with the screen's {@code Date.now()}. */
        record TimeProbe(long clientSent) implements FromScreen {
        }

        /** The playlist version a screen applied and the slide it shows ({@code null}: none). */
        record Ack(long version, String showing) implements FromScreen {
        }

        /** What the page says about itself, for the fleet view; width and height 0 when unknown. */
        record Status(String clientVersion, int width, int height) implements FromScreen {
        }

        static Optional<FromScreen> read(JsonNode msg) {
            return switch (msg.path("type").asText("")) {
                case "time" -> Optional.of(new TimeProbe(msg.path("clientSent").asLong()));
                case "ack" -> {
                    JsonNode showing = msg.get("showing");
                    yield Optional.of(new Ack(msg.path("version").asLong(-1),
                            showing == null || showing.isNull() ? null : showing.asText()));
                }
                case "status" -> Optional.of(new Status(msg.path("clientVersion").asText(""),
                        msg.path("width").asInt(0), msg.path("height").asInt(0)));
                default -> Optional.empty();
            };
        }
    }
}
