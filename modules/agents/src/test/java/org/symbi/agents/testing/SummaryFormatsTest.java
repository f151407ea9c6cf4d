package org.symbi.agents.testing;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class SummaryFormatsTest {

    /** Output as each runner prints it, and what it says: source, passed, failed, errors, skipped, failing tests. */
    static Stream<Arguments> outputs() {
        return Stream.of(
                arguments("pytest, failures and a short summary", """
                        ============================= test session starts ==============================
                        collected 5 items

                        tests/test_fib.py ..F.s                                                  [100%]

                        =========================== short test summary info ============================
                        FAILED tests/test_fib.py::test_negative - AssertionError: assert -1 == 0
                        ==================== 1 failed, 3 passed, 1 skipped in 0.12s ====================
                        """, "pytest", 3, 1, 0, 1, List.of("tests/test_fib.py::test_negative")),
                arguments("pytest -q, all passed with warnings", """
                        .....                                                                    [100%]
                        5 passed, 2 warnings in 0.03s
                        """, "pytest", 5, 0, 0, 0, List.of()),
                arguments("pytest, collection errors", """
                        ERROR tests/test_broken.py
                        !!!!!!!!!!!!!!!!!!!! Interrupted: 1 error during collection !!!!!!!!!!!!!!!!!!!!
                        =============================== 1 error in 0.05s ===============================
                        """, "pytest", 0, 0, 1, 0, List.of("tests/test_broken.py")),
                arguments("jest, suites and tests", """
                         FAIL  src/fib.test.js
                          ● fib › returns 0 for 0

                            expect(received).toBe(expected)

                        Test Suites: 1 failed, 2 passed, 3 total
                        Tests:       1 failed, 1 skipped, 7 passed, 9 total
                        Snapshots:   0 total
                        Time:        1.234 s
                        """, "jest", 7, 1, 0, 1, List.of("fib › returns 0 for 0")),
                arguments("mocha, passing pending failing", """
                          fib
                            ✓ returns 1 for 1
                            1) returns 0 for 0

                          3 passing (12ms)
                          1 pending
                          2 failing

                          1) fib
                               returns 0 for 0:
                             AssertionError: expected 1 to equal 0
                        """, "mocha", 3, 2, 0, 1, List.of()),
                arguments("mocha, all passing", "\n  12 passing (40ms)\n\n", "mocha", 12, 0, 0, 0, List.of()),
                arguments("maven surefire, per class lines and totals", """
                        [INFO] Tests run: 3, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: 0.05 s -- in a.FibTest
                        [ERROR] Tests run: 4, Failures: 1, Errors: 1, Skipped: 1, Time elapsed: 0.1 s <<< FAILURE! -- in a.ParseTest
                        [INFO] Results:
                        [ERROR] Tests run: 7, Failures: 1, Errors: 1, Skipped: 1
                        """, "surefire", 4, 1, 1, 1, List.of()),
                arguments("maven surefire, two modules' totals", """
                        [INFO] Tests run: 2, Failures: 0, Errors: 0, Skipped: 0
                        [INFO] Tests run: 5, Failures: 2, Errors: 0, Skipped: 0
                        """, "surefire", 5, 2, 0, 0, List.of()),
                arguments("gradle", """
                        FibTest > negative() FAILED
                            org.opentest4j.AssertionFailedError at FibTest.java:12

                        6 tests completed, 1 failed, 2 skipped
                        """, "gradle", 3, 1, 0, 2, List.of()),
                arguments("cargo, two test binaries", """
                        running 3 tests
                        test tests::fib_zero ... FAILED
                        test tests::fib_one ... ok
                        test tests::fib_two ... ok
                        test result: FAILED. 2 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out

                        running 1 test
                        test result: ok. 0 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out
                        """, "cargo", 2, 1, 0, 1, List.of("tests::fib_zero")),
                arguments("a home-made script's summary line", """
                        checking fib(0) ... wrong
                        checking fib(1) ... ok
                        Summary: 4 passed, 1 failed
                        """, "summary", 4, 1, 0, 0, List.of()),
                arguments("colours around a pytest summary, Windows line ends",
                        "\u001B[31m===== 2 failed, 1 passed in 1.50s =====\u001B[0m\r\n",
                        "pytest", 1, 2, 0, 0, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outputs")
    void readsTheRunnersSummary(String name, String output, String source, int passed, int failed, int errors,
                                int skipped, List<String> failingTests) {
        TestCounts counts = SummaryFormats.read(output).orElseThrow();

        assertThat(counts.source()).isEqualTo(source);
        assertThat(List.of(counts.passed(), counts.failed(), counts.errors(), counts.skipped()))
                .containsExactly(passed, failed, errors, skipped);
        assertThat(counts.failures()).extracting(TestFailure::test).containsExactlyElementsOf(failingTests);
    }

    @ParameterizedTest(name = "nothing read from: {0}")
    @MethodSource("withoutSummary")
    void outputWithoutASummaryGivesNoCounts(String output) {
        assertThat(SummaryFormats.read(output)).isEmpty();
    }

    static Stream<String> withoutSummary() {
        return Stream.of("", "compiling...\nerror: expected ';' at line 3\n", "BUILD FAILURE\n",
                "Passed the first stage\n");
    }
}
