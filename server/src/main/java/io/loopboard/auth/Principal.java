package io.loopboard.auth;

/**
 * The caller of a request, once authenticated: a logged-in user (with a session and its CSRF
 * token) or an API key.
 */
public record Principal(Kind kind, int id, String name, Role role, String csrfToken) {

    public enum Kind { USER, API_KEY }

    /** How the audit log names this caller. */
    public String actor() {
        return (kind == Kind.USER ? "user:" : "apikey:") + id + ":" + name;
    }
}
