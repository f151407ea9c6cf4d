package org.symbi.agents.planner;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The kinds of request the rule-based planner tells apart, each recognised by the words people use for it.
 * {@link #of} tries them in order, so a request that fixes a typo in the README is documentation, not a bug
 * fix, and one that deploys a new feature is a feature (with deployment after it).
 */
public enum RequestKind {
    DOCS("documentation change"),
    RELEASE("release and deployment"),
    DEPENDENCY_UPGRADE("dependency upgrade"),
    REFACTOR("refactoring"),
    BUG_FIX("bug fix"),
    TESTS("tests"),
    FEATURE("new feature"),
    PROJECT("new project");

    private static final Pattern DOCS_WORDS = words("readme", "docs?", "documentation", "document", "changelog",
            "typos?", "guide", "tutorial", "javadoc", "wiki", "spelling", "wording");
    private static final Pattern CODE_WORDS = words("function", "method", "class", "code", "endpoint", "bug",
            "crash(es)?", "feature", "implement", "refactor", "tests?");
    private static final Pattern RELEASE_WORDS = words("deploy(ed|ment|s)?", "release[sd]?", "ship", "roll ?out",
            "publish", "production", "staging");
    /** Named in a request that changes code, these put deployment after the merge. */
    private static final Pattern DEPLOY_WORDS = words("deploy(ed|ment|s)?", "ship", "roll ?out", "production",
            "staging");
    private static final Pattern CHANGE_WORDS = words("fix(es|ed)?", "add", "implement", "refactor", "upgrade",
            "bump", "create", "build", "support", "introduce");
    /** Words that make a request a bug fix even when it also says how (by refactoring, say). */
    private static final Pattern STRONG_BUG_WORDS = words("fix(es|ed)?", "bugs?", "crash(es|ed|ing)?", "broken",
            "regression");
    private static final Pattern BUG_WORDS = words("fix(es|ed)?", "bugs?", "crash(es|ed|ing)?", "broken", "errors?",
            "exceptions?", "regression", "fail(s|ing|ure)?", "defects?", "wrong", "incorrect(ly)?", "hangs?", "leaks?");
    private static final Pattern UPGRADE_WORDS = words("upgrade", "bump", "dependency", "dependencies",
            "librar(y|ies)", "migrate to", "update [\\w.-]+ to( version)? v?\\d[\\w.]*");
    private static final Pattern REFACTOR_WORDS = words("refactor(ing)?", "restructure", "clean ?up", "simplify",
            "rename", "extract", "reorgani[sz]e", "tidy", "deduplicate", "split up");
    private static final Pattern TESTS_WORDS = Pattern.compile("\\b(coverage|(add|write|increase|improve|extend)\\s+"
            + "((more|missing|unit|integration|end-to-end|regression)\\s+)*tests?)\\b");
    private static final Pattern FEATURE_WORDS = words("add", "implement", "support", "introduce", "allow",
            "enable", "extend", "feature", "endpoint", "option", "function", "command");
    /** Tests named with a feature get a task of their own. */
    private static final Pattern WITH_TESTS = words("tests?", "tested", "testing", "unit tests?");

    private final String label;

    RequestKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** What the request asks for. */
    public static RequestKind of(String request) {
        String text = normalize(request);
        if (DOCS_WORDS.matcher(text).find() && !CODE_WORDS.matcher(text).find()) {
            return DOCS;
        }
        if (RELEASE_WORDS.matcher(text).find() && !CHANGE_WORDS.matcher(text).find()) {
            return RELEASE;
        }
        if (UPGRADE_WORDS.matcher(text).find()) {
            return DEPENDENCY_UPGRADE;
        }
        if (REFACTOR_WORDS.matcher(text).find() && !STRONG_BUG_WORDS.matcher(text).find()) {
            return REFACTOR;
        }
        if (BUG_WORDS.matcher(text).find()) {
            return BUG_FIX;
        }
        if (TESTS_WORDS.matcher(text).find()) {
            return TESTS;
        }
        if (FEATURE_WORDS.matcher(text).find()) {
            return FEATURE;
        }
        return PROJECT;
    }

    /** The request also asks for deployment. */
    static boolean mentionsDeployment(String request) {
        return DEPLOY_WORDS.matcher(normalize(request)).find();
    }

    /** The request names tests explicitly. */
    static boolean mentionsTests(String request) {
        return WITH_TESTS.matcher(normalize(request)).find();
    }

    /** Production is named, or no environment is. */
    static boolean reachesProduction(String request) {
        String text = normalize(request);
        return text.contains("production") || text.contains("prod ") || !text.contains("staging");
    }

    private static String normalize(String request) {
        return " " + request.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ") + " ";
    }

    private static Pattern words(String... alternatives) {
        return Pattern.compile("\\b(" + String.join("|", alternatives) + ")\\b");
    }
}
