package org.symbi.agents.coding;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a fix task carries besides a code task's input: the test agent asks for one when a repository's tests
 * fail, with {@code fix_for} (the test task), {@code fix_round}, {@code test_command}, {@code failures}
 * ({@code test}, {@code message}, {@code detail} each) and {@code test_output} (the end of the run's output).
 * The model is told all of it as the feedback, within bounds, so that a long run cannot crowd out the code.
 *
 * @param round 1 for the first fix of a test task, or 0 when the input does not say
 */
record FixRequest(String fixFor, int round, String testCommand, List<Failure> failures, String testOutput) {
    /** Failures shown with their message and detail; those past it by name and first line only. */
    static final int DETAILED = 10;
    /** Failures named at all; the rest are counted. */
    static final int NAMED = 40;
    static final int MESSAGE_CHARS = 500;
    static final int DETAIL_CHARS = 1_500;
    static final int OUTPUT_CHARS = 3_000;

    record Failure(String test, String message, String detail) {
        private static Failure of(JsonNode f) {
            return new Failure(text(f, "test").orElse("(a test with no name)"), text(f, "message").orElse(null),
                    text(f, "detail").orElse(null));
        }
    }

    /** The fix a task's input asks for, or empty when the task is not a fix task (it names no {@code fix_for}). */
    static Optional<FixRequest> of(JsonNode input) {
        if (input == null || text(input, "fix_for").isEmpty()) {
            return Optional.empty();
        }
        List<Failure> failures = new ArrayList<>();
        input.path("failures").forEach(f -> failures.add(Failure.of(f)));
        return Optional.of(new FixRequest(text(input, "fix_for").get(), input.path("fix_round").asInt(0),
                text(input, "test_command").orElse(null), List.copyOf(failures), text(input, "test_output").orElse(null)));
    }

    /** "Fix round 2 for task t-7: 3 failing tests of `./mvnw -q test`." */
    String summary() {
        return (round > 0 ? "Fix round " + round : "A fix") + " for task " + fixFor + ": "
                + (failures.isEmpty() ? "the tests fail" : failures.size() + " failing test" + (failures.size() == 1 ? "" : "s"))
                + (testCommand == null ? "" : " of `" + testCommand + "`") + ".";
    }

    /** What the model is told: the command, each failing test with what its runner said, the output's end. */
    String feedback() {
        StringBuilder s = new StringBuilder(testCommand == null ? "The tests fail."
                : "The tests fail when `" + testCommand + "` runs in the working tree.");
        if (!failures.isEmpty()) {
            s.append(" Failing tests:\n");
        }
        for (int i = 0; i < Math.min(failures.size(), NAMED); i++) {
            Failure f = failures.get(i);
            boolean detailed = i < DETAILED;
            s.append("- ").append(f.test());
            if (f.message() != null) {
                String message = f.message().strip();
                s.append(": ").append(cut(detailed ? message : message.lines().findFirst().orElse(""), MESSAGE_CHARS));
            }
            s.append('\n');
            if (detailed && f.detail() != null) {
                cut(f.detail().strip(), DETAIL_CHARS).lines().forEach(line -> s.append("    ").append(line).append('\n'));
            }
        }
        if (failures.size() > NAMED) {
            s.append("- and ").append(failures.size() - NAMED).append(" more\n");
        }
        if (testOutput != null) {
            s.append(failures.isEmpty() ? "\n" : "").append("\nThe end of the test output:\n")
                    .append(tail(testOutput.strip(), OUTPUT_CHARS));
        }
        return s.toString().stripTrailing();
    }

    private static Optional<String> text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isTextual() && !v.asText().isBlank() ? Optional.of(v.asText()) : Optional.empty();
    }

    private static String cut(String text, int chars) {
        return text.length() <= chars ? text : text.substring(0, chars) + "…";
    }

    private static String tail(String text, int chars) {
        return text.length() <= chars ? text : "…" + text.substring(text.length() - chars);
    }
}
