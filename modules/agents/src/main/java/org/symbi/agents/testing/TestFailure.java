package org.symbi.agents.testing;

/**
 * One test that did not pass.
 *
 * @param test    the test's name as its runner gives it, e.g. {@code FibTest.negativeInput} or
 *                {@code tests/test_fib.py::test_zero}
 * @param message the runner's one-line reason, or null
 * @param detail  more of what the runner said (a stack trace, a diff), bounded; or null
 */
public record TestFailure(String test, String message, String detail) {
    static final int MAX_DETAIL = 4_000;

    public TestFailure {
        if (detail != null && detail.length() > MAX_DETAIL) {
            detail = detail.substring(0, MAX_DETAIL) + "…";
        }
    }

    /** "FibTest.negativeInput: expected 0 but was -1". */
    public String line() {
        return message == null || message.isBlank() ? test : test + ": " + message.strip().lines().findFirst().orElse("");
    }
}
