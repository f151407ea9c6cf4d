package org.symbi.agents.review;

import org.symbi.agents.diff.UnifiedDiff;
import org.symbi.agents.diff.UnifiedDiff.FileChange;
import org.symbi.agents.diff.UnifiedDiff.Line;
import org.symbi.agents.review.Finding.Category;
import org.symbi.agents.review.Finding.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What can be checked in a diff without a model, on the lines it adds: secrets (an error, and never quoted),
 * merge-conflict markers (an error), new source files without any test in the change (an error), TODO and
 * FIXME notes (warnings), tabs, trailing whitespace and very long lines (style warnings, one per file).
 */
public final class StaticChecks {
    public static final int MAX_LINE_LENGTH = 120;
    /** Notes beyond this many per file are counted, not listed. */
    private static final int MAX_NOTES_PER_FILE = 5;

    private static final List<Map.Entry<String, Pattern>> SECRETS = List.of(
            Map.entry("an AWS access key", Pattern.compile("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b")),
            Map.entry("a private key", Pattern.compile("-----BEGIN ([A-Z]+ )?PRIVATE KEY-----")),
            Map.entry("an API key", Pattern.compile("\\b(sk|sk-proj|sk-ant)-[A-Za-z0-9_-]{20,}")),
            Map.entry("a GitHub token", Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{36,}\\b")),
            Map.entry("a Slack token", Pattern.compile("\\bxox[abprs]-[A-Za-z0-9-]{10,}")),
            Map.entry("a hard-coded password or secret", Pattern.compile(
                    "(?i)\\b[\\w.-]*(password|passwd|secret|api[_-]?key|access[_-]?token|auth[_-]?token)\\b"
                            + "\\s*[:=]\\s*[\"'][^\"'\\s]{8,}[\"']")));
    private static final Pattern CONFLICT = Pattern.compile("^(<{7}|={7}|>{7})( |$)");
    private static final Pattern NOTE = Pattern.compile("\\b(TODO|FIXME|XXX|HACK)\\b");
    private static final Set<String> SOURCE = Set.of("java", "kt", "scala", "groovy", "py", "js", "jsx", "ts", "tsx",
            "go", "rs", "rb", "cs", "swift", "c", "cc", "cpp", "h", "hpp", "php");
    /** Files whose format needs tabs. */
    private static final Pattern TABS_WANTED = Pattern.compile("(^|/)(Makefile|[^/]*\\.mk|[^/]*\\.go|go\\.mod|[^/]*\\.tsv)$");
    private static final Pattern TEST_PATH = Pattern.compile(
            "(^|/)(src/test|tests?|__tests__|spec)/|(^|/)test_[^/]*$|[^/]*(Test|Tests|IT|Spec)\\.[a-z]+$"
                    + "|[^/]*_test\\.[a-z]+$|[^/]*\\.(test|spec)\\.[a-z]+$");

    private StaticChecks() {
    }

    public static List<Finding> check(String diff) {
        return check(UnifiedDiff.parse(diff));
    }

    public static List<Finding> check(List<FileChange> files) {
        List<Finding> findings = new ArrayList<>();
        boolean testsChanged = files.stream().anyMatch(f -> isTest(f.path()));
        for (FileChange f : files) {
            if (f.binary() || f.deleted()) {
                continue;
            }
            for (Line l : f.addedLines()) {
                SECRETS.stream().filter(s -> s.getValue().matcher(l.text()).find()).findFirst()
                        .ifPresent(s -> findings.add(new Finding(Category.SECURITY, Severity.ERROR, f.path(), l.number(),
                                "looks like " + s.getKey() + " written into the code; keep secrets out of the "
                                        + "repository")));
                if (CONFLICT.matcher(l.text()).find()) {
                    findings.add(new Finding(Category.CORRECTNESS, Severity.ERROR, f.path(), l.number(),
                            "a merge-conflict marker"));
                }
            }
            notes(f, findings);
            if (!TABS_WANTED.matcher(f.path()).find()) {
                style(f, l -> l.text().indexOf('\t') >= 0, "with a tab", findings);
            }
            style(f, l -> !l.text().isEmpty() && Character.isWhitespace(l.text().charAt(l.text().length() - 1)),
                    "ending in whitespace", findings);
            style(f, l -> l.text().length() > MAX_LINE_LENGTH, "longer than " + MAX_LINE_LENGTH + " characters",
                    findings);
            if (f.added() && isSource(f.path()) && !isTest(f.path()) && !testsChanged) {
                findings.add(new Finding(Category.CORRECTNESS, Severity.ERROR, f.path(), 0,
                        "a new source file, and the change adds or changes no test"));
            }
        }
        return findings;
    }

    private static void notes(FileChange f, List<Finding> findings) {
        List<Line> notes = f.addedLines().stream().filter(l -> NOTE.matcher(l.text()).find()).toList();
        notes.stream().limit(MAX_NOTES_PER_FILE).forEach(l -> findings.add(new Finding(Category.CORRECTNESS,
                Severity.WARNING, f.path(), l.number(), "adds a note of unfinished work: " + abbreviate(l.text().strip()))));
        if (notes.size() > MAX_NOTES_PER_FILE) {
            findings.add(new Finding(Category.CORRECTNESS, Severity.WARNING, f.path(), 0,
                    (notes.size() - MAX_NOTES_PER_FILE) + " more notes of unfinished work"));
        }
    }

    /** One finding per file and kind of style problem: the count and the first line. */
    private static void style(FileChange f, Predicate<Line> problem, String what, List<Finding> findings) {
        List<Line> lines = f.addedLines().stream().filter(problem).toList();
        if (!lines.isEmpty()) {
            findings.add(new Finding(Category.STYLE, Severity.WARNING, f.path(), lines.getFirst().number(),
                    lines.size() == 1 ? "a line " + what : lines.size() + " added lines " + what + " (first: line "
                            + lines.getFirst().number() + ")"));
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "…";
    }

    static boolean isTest(String path) {
        return TEST_PATH.matcher(path).find();
    }

    private static boolean isSource(String path) {
        int dot = path.lastIndexOf('.');
        return dot > path.lastIndexOf('/') && SOURCE.contains(path.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
