package io.loopboard.core;

import java.util.List;

/**
 * Why a feature will not do what it was asked, in the feature's own words: the input is invalid,
 * the thing is not there, the request conflicts with its state, the caller is not who may do it.
 * Features throw it and know nothing of HTTP; the web edge ({@code web.ErrorMapper}) is the one
 * place that turns each {@link Kind} into a status and the API's error shape, and the command
 * line prints it.
 */
public class Refusal extends RuntimeException {

    /** What kind of refusal: the edge maps each to its answer. */
    public enum Kind {
        /** The input breaks a rule: a field is missing, malformed or out of range. */
        INVALID,
        /** The caller is not known (no or a wrong login, key or signature). */
        UNAUTHENTICATED,
        /** The caller is known but may not do this. */
        FORBIDDEN,
        /** The thing asked for does not exist (or is not the caller's to see). */
        NOT_FOUND,
        /** The request conflicts with the thing's current state. */
        CONFLICT,
        /** The input is larger than this feature takes. */
        TOO_LARGE,
        /** The input is of a type this feature does not read. */
        UNSUPPORTED_TYPE
    }

    private final Kind kind;
    private final String code;
    private final List<FieldProblem> problems;

    public Refusal(Kind kind, String code, String message, List<FieldProblem> problems) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.problems = List.copyOf(problems);
    }

    public static Refusal invalid(String field, String problem) {
        return new Refusal(Kind.INVALID, "bad_request", field + ": " + problem, List.of(new FieldProblem(field, problem)));
    }

    public static Refusal notFound(String what) {
        return new Refusal(Kind.NOT_FOUND, "not_found", what + " not found", List.of());
    }

    public static Refusal conflict(String field, String problem) {
        return new Refusal(Kind.CONFLICT, "conflict", field + ": " + problem, List.of(new FieldProblem(field, problem)));
    }

    public static Refusal unauthenticated(String message) {
        return new Refusal(Kind.UNAUTHENTICATED, "unauthorized", message, List.of());
    }

    public static Refusal forbidden(String message) {
        return new Refusal(Kind.FORBIDDEN, "forbidden", message, List.of());
    }

    public Kind kind() {
        return kind;
    }

    /** A stable word for clients ("bad_request", "conflict", "personal_data", …). */
    public String code() {
        return code;
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
