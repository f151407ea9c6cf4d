package org.symbi.agents;

import java.util.List;
import java.util.Map;

/** The capabilities the built-in agents hold, by which the room routes tasks to them. */
public final class Capabilities {
    public static final String PLAN = "plan";
    public static final String CODE = "code";
    public static final String GIT = "git";
    public static final String TEST = "test";
    public static final String REVIEW = "review";
    public static final String DOCS = "docs";
    public static final String DEPLOY = "deploy";

    public static final List<String> BUILT_IN = List.of(PLAN, CODE, GIT, TEST, REVIEW, DOCS, DEPLOY);

    /** What each built-in capability covers, as the planner explains it to a model. */
    public static final Map<String, String> DESCRIPTIONS = Map.of(
            PLAN, "design and architecture: decide the approach, interfaces and data before code is written",
            CODE, "write or edit source files and tests in the repository's working tree",
            GIT, "repository operations: create a branch, commit, open a merge request, merge, tag a release",
            TEST, "run the repository's build and test command and report the results",
            REVIEW, "review a change for security, correctness and style and give a verdict",
            DOCS, "update the changelog, README sections and other documentation",
            DEPLOY, "deploy a built artifact to an environment (dev, staging, production) and check its health");

    private Capabilities() {
    }
}
