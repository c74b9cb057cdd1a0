package io.loopboard.web;

import java.util.List;

/**
 * A client error with a precise cause. Thrown anywhere below a handler; {@link ErrorMapper}
 * turns it into the one JSON error shape.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final List<FieldProblem> problems;

    public ApiException(int status, String code, String message, List<FieldProblem> problems) {
        super(message);
        this.status = status;
        this.code = code;
        this.problems = List.copyOf(problems);
    }

    public static ApiException badRequest(String field, String problem) {
        return new ApiException(400, "bad_request", field + ": " + problem, List.of(new FieldProblem(field, problem)));
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "not_found", what + " not found", List.of());
    }

    public static ApiException conflict(String field, String problem) {
        return new ApiException(409, "conflict", field + ": " + problem, List.of(new FieldProblem(field, problem)));
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, "unauthorized", message, List.of());
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "forbidden", message, List.of());
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    /** One field and what is wrong with it, as the client should read it. */
    public record FieldProblem(String field, String problem) {
    }
}
