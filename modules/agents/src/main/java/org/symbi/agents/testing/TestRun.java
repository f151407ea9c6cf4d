package org.symbi.agents.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.symbi.agents.exec.CommandResult;

import java.util.List;
import java.util.Optional;

/**
 * One run of a repository's tests: how the command ended and what its reports or output said.
 *
 * @param counts     from the JUnit XML reports the run wrote, else from the summary it printed, else empty
 * @param unreadable reports that could not be read
 */
record TestRun(String command, CommandResult result, Optional<TestCounts> counts, List<String> unreadable) {
    /** Output kept in a task's result; the trace has more. */
    private static final int RESULT_OUTPUT = 4_000;

    /** Passed: the command succeeded and no test failed (a runner may exit 0 after failures, or 1 after none). */
    boolean passed() {
        return result.succeeded() && counts.map(c -> !c.anyFailed()).orElse(true);
    }

    List<TestFailure> failures() {
        return counts.map(TestCounts::failures).orElse(List.of());
    }

    /** "exit 1 after 2.1 s; 5 tests: 4 passed, 1 failed (junit-xml)". */
    String summary() {
        return result.summary() + counts.map(c -> "; " + c.summary() + " (" + c.source() + ")")
                .orElse("; no test results found in reports or output");
    }

    /** The failures, one a line, or the end of the output when the run names none. */
    String failureText() {
        if (!failures().isEmpty()) {
            StringBuilder s = new StringBuilder();
            failures().forEach(f -> s.append("- ").append(f.line()).append('\n'));
            return s.toString();
        }
        return "The run named no failing test; the end of its output:\n" + tail(result.output(), RESULT_OUTPUT);
    }

    ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("passed", passed());
        n.put("command", command);
        n.put("exit_code", result.exitCode());
        n.put("timed_out", result.timedOut());
        n.put("duration_ms", result.took().toMillis());
        counts.ifPresent(c -> n.putObject("counts").put("source", c.source()).put("tests", c.tests())
                .put("passed", c.passed()).put("failed", c.failed()).put("errors", c.errors())
                .put("skipped", c.skipped()));
        ArrayNode failures = n.putArray("failures");
        failures().forEach(f -> failures.addObject().put("test", f.test()).put("message", f.message())
                .put("detail", f.detail()));
        n.put("output", tail(result.output(), RESULT_OUTPUT));
        return n;
    }

    private static String tail(String text, int chars) {
        return text.length() <= chars ? text : "…" + text.substring(text.length() - chars);
    }
}
