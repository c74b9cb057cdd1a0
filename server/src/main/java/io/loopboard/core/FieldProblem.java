package io.loopboard.core;

/** One field of a request or an item and what is wrong with it, as the person who sent it should read it. */
public record FieldProblem(String field, String problem) {
}
