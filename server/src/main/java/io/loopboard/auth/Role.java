package io.loopboard.auth;

import io.javalin.security.RouteRole;
import java.util.Locale;

/**
 * Who may do what. Every route names the roles it admits; a route that names none is public
 * (pages a browser must reach before it can log in, the display page and its assets).
 */
public enum Role implements RouteRole {
    /** Everything, including users, keys and screens. */
    ADMIN,
    /** Feedback, quotes, stories, takeovers. */
    MODERATOR,
    /** The improvements board. */
    VIEWER,
    /** API keys that may only push feedback in. */
    INGEST;

    /** Whether a principal holding this role may use a route that admits {@code required}. */
    public boolean satisfies(Role required) {
        return switch (this) {
            case ADMIN -> true;
            case MODERATOR -> required == MODERATOR || required == VIEWER;
            case VIEWER -> required == VIEWER;
            case INGEST -> required == INGEST;
        };
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String raw) {
        try {
            return valueOf(raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown role '" + raw + "' (admin, moderator, viewer, ingest)");
        }
    }
}
