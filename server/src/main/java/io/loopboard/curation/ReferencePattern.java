package io.loopboard.curation;

import java.util.function.BiConsumer;

/**
 * One pattern for order, booking and case numbers. A moderator's own patterns run on RE2/J,
 * whose matching time grows with the text's length only, whatever the pattern: with the
 * backtracking {@code java.util.regex}, {@code ((a+)+)+b} and a comment of 28 a's took 22
 * seconds. RE2 syntax has no lookaround and no backreferences, so such a pattern is refused.
 * The shipped defaults (which use a lookbehind, and which are ours) keep {@code java.util.regex}.
 */
public abstract sealed class ReferencePattern {

    /** The pattern as written. */
    public abstract String source();

    /** Calls {@code span} with [start, end) of every match: its first group when it has one that took part, else the whole. */
    abstract void findAll(String text, BiConsumer<Integer, Integer> span);

    /**
     * Compiles {@code source}: a shipped default as it always ran, anything else with RE2/J.
     *
     * @throws IllegalArgumentException naming what is wrong, when RE2/J cannot compile it
     */
    public static ReferencePattern compile(String source) {
        if (PiiDetector.DEFAULT_REFERENCE_PATTERNS.contains(source)) {
            return new Shipped(java.util.regex.Pattern.compile(source));
        }
        try {
            return new Linear(com.google.re2j.Pattern.compile(source));
        } catch (com.google.re2j.PatternSyntaxException e) {
            throw new IllegalArgumentException(e.getDescription() + " (no lookaround or backreferences: these patterns run on RE2)");
        }
    }

    private static final class Shipped extends ReferencePattern {
        private final java.util.regex.Pattern pattern;

        Shipped(java.util.regex.Pattern pattern) {
            this.pattern = pattern;
        }

        @Override
        public String source() {
            return pattern.pattern();
        }

        @Override
        void findAll(String text, BiConsumer<Integer, Integer> span) {
            java.util.regex.Matcher m = pattern.matcher(text);
            while (m.find()) {
                boolean group = m.groupCount() >= 1 && m.group(1) != null;
                span.accept(group ? m.start(1) : m.start(), group ? m.end(1) : m.end());
            }
        }
    }

    private static final class Linear extends ReferencePattern {
        private final com.google.re2j.Pattern pattern;

        Linear(com.google.re2j.Pattern pattern) {
            this.pattern = pattern;
        }

        @Override
        public String source() {
            return pattern.pattern();
        }

        @Override
        void findAll(String text, BiConsumer<Integer, Integer> span) {
            com.google.re2j.Matcher m = pattern.matcher(text);
            while (m.find()) {
                boolean group = m.groupCount() >= 1 && m.group(1) != null;
                int start = group ? m.start(1) : m.start();
                int end = group ? m.end(1) : m.end();
                if (end > start) {
                    span.accept(start, end);
                }
            }
        }
    }
}
