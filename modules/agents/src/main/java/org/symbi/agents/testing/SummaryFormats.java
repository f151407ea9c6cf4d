package org.symbi.agents.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test results read from what a runner prints, for runs that leave no JUnit XML behind. Each known runner's
 * summary is tried in turn and the first that appears in the output is taken: Maven Surefire's
 * {@code Tests run: 5, Failures: 1, …}, Gradle's {@code 5 tests completed, 1 failed}, Jest's
 * {@code Tests: 1 failed, 4 passed, 5 total}, Cargo's {@code test result: FAILED. 4 passed; 1 failed; …},
 * Mocha's {@code 4 passing} / {@code 1 failing}, pytest's {@code ==== 1 failed, 4 passed in 0.12s ====},
 * and last any line of the shape {@code 4 passed, 1 failed}.
 */
final class SummaryFormats {
    private static final Pattern PHRASE = Pattern.compile("(\\d+) ([a-z]+)");
    /** What the words runners use count as; words not listed (total, warnings, deselected) count as nothing. */
    private static final Map<String, Kind> WORDS = Map.ofEntries(
            Map.entry("passed", Kind.PASSED), Map.entry("passing", Kind.PASSED), Map.entry("xpassed", Kind.PASSED),
            Map.entry("failed", Kind.FAILED), Map.entry("failing", Kind.FAILED),
            Map.entry("error", Kind.ERRORS), Map.entry("errors", Kind.ERRORS),
            Map.entry("skipped", Kind.SKIPPED), Map.entry("pending", Kind.SKIPPED), Map.entry("ignored", Kind.SKIPPED),
            Map.entry("todo", Kind.SKIPPED), Map.entry("xfailed", Kind.SKIPPED));

    private static final Pattern SUREFIRE = Pattern.compile(
            "Tests run: (\\d+), Failures: (\\d+), Errors: (\\d+), Skipped: (\\d+)(.*)$", Pattern.MULTILINE);
    private static final Pattern GRADLE = Pattern.compile(
            "^(\\d+) tests? completed(?:, (\\d+) failed)?(?:, (\\d+) skipped)?\\s*$", Pattern.MULTILINE);
    private static final Pattern JEST = Pattern.compile("^Tests:\\s+(.*\\d+ total)\\s*$", Pattern.MULTILINE);
    private static final Pattern JEST_FAILURE = Pattern.compile("^\\s*● (?!Console)(.+›.+)$", Pattern.MULTILINE);
    private static final Pattern CARGO = Pattern.compile(
            "^test result: \\w+\\. (\\d+) passed; (\\d+) failed; (\\d+) ignored", Pattern.MULTILINE);
    private static final Pattern CARGO_FAILURE = Pattern.compile("^test (\\S+) \\.\\.\\. FAILED\\s*$", Pattern.MULTILINE);
    private static final Pattern MOCHA = Pattern.compile(
            "^\\s*(\\d+) passing \\(.*\\)\\s*$(?:\\n^\\s*(\\d+) pending\\s*$)?(?:\\n^\\s*(\\d+) failing\\s*$)?",
            Pattern.MULTILINE);
    private static final Pattern PYTEST = Pattern.compile(
            "^(?:=+ )?((?:\\d+ [a-z]+(?:, )?)+) in [\\d.]+m?s(?: \\([^)]*\\))?(?: =+)?\\s*$", Pattern.MULTILINE);
    private static final Pattern PYTEST_FAILURE = Pattern.compile("^(?:FAILED|ERROR) (\\S+)(?: - (.*))?$", Pattern.MULTILINE);
    private static final Pattern ANY = Pattern.compile(
            "^(.*\\b\\d+ (?:passed|failed)\\b.*)$", Pattern.MULTILINE);

    private enum Kind { PASSED, FAILED, ERRORS, SKIPPED }

    /** Tried in this order: the specific shapes first, any line of counts last. */
    private static final List<Function<String, Optional<TestCounts>>> FORMATS = List.of(
            SummaryFormats::surefire,
            SummaryFormats::gradle,
            text -> phraseSummary("jest", JEST, JEST_FAILURE, text),
            SummaryFormats::cargo,
            SummaryFormats::mocha,
            text -> phraseSummary("pytest", PYTEST, PYTEST_FAILURE, text),
            text -> phraseSummary("summary", ANY, null, text));

    private SummaryFormats() {
    }

    /** The counts of the first known summary in the output, or empty when it has none. */
    static Optional<TestCounts> read(String output) {
        String text = output.replace("\r\n", "\n").replaceAll("\u001B\\[[;\\d]*m", "");
        for (Function<String, Optional<TestCounts>> format : FORMATS) {
            Optional<TestCounts> counts = format.apply(text);
            if (counts.isPresent()) {
                return counts;
            }
        }
        return Optional.empty();
    }

    /** Per class lines end in "Time elapsed …"; the totals of each module do not, and are summed. */
    private static Optional<TestCounts> surefire(String text) {
        int[] totals = new int[4];
        int[] perClass = new int[4];
        boolean any = false;
        Matcher m = SUREFIRE.matcher(text);
        while (m.find()) {
            any = true;
            int[] into = m.group(5).contains("Time elapsed") ? perClass : totals;
            for (int i = 0; i < 4; i++) {
                into[i] += Integer.parseInt(m.group(i + 1));
            }
        }
        if (!any) {
            return Optional.empty();
        }
        int[] c = totals[0] > 0 || perClass[0] == 0 ? totals : perClass;
        return Optional.of(new TestCounts("surefire", c[0] - c[1] - c[2] - c[3], c[1], c[2], c[3], List.of()));
    }

    private static Optional<TestCounts> gradle(String text) {
        MatchResult m = last(GRADLE, text);
        if (m == null) {
            return Optional.empty();
        }
        int completed = Integer.parseInt(m.group(1));
        int failed = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        int skipped = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        return Optional.of(new TestCounts("gradle", completed - failed - skipped, failed, 0, skipped, List.of()));
    }

    private static Optional<TestCounts> cargo(String text) {
        Matcher m = CARGO.matcher(text);
        int passed = 0;
        int failed = 0;
        int ignored = 0;
        boolean any = false;
        while (m.find()) {
            any = true;
            passed += Integer.parseInt(m.group(1));
            failed += Integer.parseInt(m.group(2));
            ignored += Integer.parseInt(m.group(3));
        }
        if (!any) {
            return Optional.empty();
        }
        return Optional.of(new TestCounts("cargo", passed, failed, 0, ignored, named(CARGO_FAILURE, text)));
    }

    private static Optional<TestCounts> mocha(String text) {
        MatchResult m = last(MOCHA, text);
        if (m == null) {
            return Optional.empty();
        }
        return Optional.of(new TestCounts("mocha", Integer.parseInt(m.group(1)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)), 0,
                m.group(2) == null ? 0 : Integer.parseInt(m.group(2)), List.of()));
    }

    /** A summary line of "4 passed, 1 failed" phrases in group 1, and the failing tests the output names. */
    private static Optional<TestCounts> phraseSummary(String source, Pattern summary, Pattern failure, String text) {
        return Optional.ofNullable(last(summary, text))
                .map(m -> phrases(source, m.group(1), failure == null ? List.of() : named(failure, text)));
    }

    /** The failing tests a runner names in its output: the name in group 1, a reason in group 2 if any. */
    private static List<TestFailure> named(Pattern failure, String text) {
        List<TestFailure> failures = new ArrayList<>();
        Matcher f = failure.matcher(text);
        while (f.find()) {
            failures.add(new TestFailure(f.group(1).strip(), f.groupCount() > 1 ? f.group(2) : null, null));
        }
        return failures;
    }

    /** Counts "4 passed, 1 failed, 2 skipped" phrases by what their words mean. */
    private static TestCounts phrases(String source, String line, List<TestFailure> failures) {
        int[] counts = new int[Kind.values().length];
        Matcher p = PHRASE.matcher(line.toLowerCase(java.util.Locale.ROOT));
        while (p.find()) {
            Kind kind = WORDS.get(p.group(2));
            if (kind != null) {
                counts[kind.ordinal()] += Integer.parseInt(p.group(1));
            }
        }
        return new TestCounts(source, counts[Kind.PASSED.ordinal()], counts[Kind.FAILED.ordinal()],
                counts[Kind.ERRORS.ordinal()], counts[Kind.SKIPPED.ordinal()], failures);
    }

    private static MatchResult last(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        MatchResult found = null;
        while (m.find()) {
            found = m.toMatchResult();
        }
        return found;
    }
}
