package org.symbi.agents.testing;

import java.util.List;

/**
 * What a test run found, as read from its reports or its output.
 *
 * @param source   where the numbers come from: {@code junit-xml}, or the summary format read from the output
 *                 ({@code pytest}, {@code jest}, {@code mocha}, {@code surefire}, {@code gradle}, {@code cargo},
 *                 {@code summary})
 * @param failures the tests that failed or broke, as far as the source names them (at most {@link #MAX_LISTED})
 */
public record TestCounts(String source, int passed, int failed, int errors, int skipped, List<TestFailure> failures) {
    static final int MAX_LISTED = 50;

    public TestCounts {
        failures = failures == null ? List.of() : List.copyOf(failures.subList(0, Math.min(MAX_LISTED, failures.size())));
    }

    public int tests() {
        return passed + failed + errors + skipped;
    }

    /** Whether any test failed or broke. */
    public boolean anyFailed() {
        return failed + errors > 0;
    }

    /** "12 tests: 10 passed, 1 failed, 1 skipped". */
    public String summary() {
        StringBuilder s = new StringBuilder().append(tests()).append(tests() == 1 ? " test: " : " tests: ")
                .append(passed).append(" passed");
        if (failed > 0) {
            s.append(", ").append(failed).append(" failed");
        }
        if (errors > 0) {
            s.append(", ").append(errors).append(errors == 1 ? " error" : " errors");
        }
        if (skipped > 0) {
            s.append(", ").append(skipped).append(" skipped");
        }
        return s.toString();
    }
}
