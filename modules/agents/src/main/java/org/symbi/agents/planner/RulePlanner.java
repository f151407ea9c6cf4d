package org.symbi.agents.planner;

import org.symbi.agents.llm.TraceSink;
import org.symbi.sdk.Trace;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import static org.symbi.agents.Capabilities.CODE;
import static org.symbi.agents.Capabilities.DEPLOY;
import static org.symbi.agents.Capabilities.DOCS;
import static org.symbi.agents.Capabilities.GIT;
import static org.symbi.agents.Capabilities.PLAN;
import static org.symbi.agents.Capabilities.REVIEW;
import static org.symbi.agents.Capabilities.TEST;

/**
 * Plans without a language model. The seed's phases — architecture, implementation, testing, documentation,
 * deployment — shaped to what the request is ({@link RequestKind}): a new project starts with its
 * architecture, a feature with a branch (the plan is its design), a bug fix by reproducing the bug, a
 * documentation change touches no code, a refactoring runs the tests before and
 * after, a release tests, tags and deploys. Work on code happens on a branch that is reviewed and merged.
 * Plans say {@value Plan#RULES} so nobody takes them for a model's.
 */
public final class RulePlanner implements Planner {

    @Override
    public Plan plan(String request, Collection<String> capabilities, String taskId, TraceSink trace) {
        if (request == null || request.isBlank()) {
            throw new PlanningException("the request is empty: say what should be done");
        }
        String text = request.strip();
        RequestKind kind = RequestKind.of(text);
        List<PlannedTask> tasks = tasksFor(kind, text);
        List<String> problems = PlanValidator.problems(tasks, capabilities);
        if (!problems.isEmpty()) {
            throw new PlanningException("the rule-based plan for a " + kind.label() + " needs capabilities no agent "
                    + "holds: " + String.join("; ", problems));
        }
        trace.record(Trace.decision(taskId, "Planned by rules (no language model): the request reads as a "
                + kind.label() + "; " + tasks.size() + " tasks.", null));
        return new Plan(Plan.RULES, kind.label(), text, tasks);
    }

    static List<PlannedTask> tasksFor(RequestKind kind, String request) {
        Graph g = new Graph(request);
        switch (kind) {
            case FEATURE -> {
                g.add("branch", "Create a branch for the work", GIT, "Create a branch for this change from the main branch.");
                if (RequestKind.mentionsTests(request)) {
                    g.add("implement", "Implement the feature", CODE, "Write the code the request calls for.", "branch");
                    g.add("write-tests", "Write tests for the feature", CODE, "Write tests that pin down the feature's "
                            + "behaviour, including edge cases.", "branch");
                    g.add("run-tests", "Run the tests", TEST, "Build and run the whole test suite.",
                            "implement", "write-tests");
                } else {
                    g.add("implement", "Implement the feature with tests", CODE, "Write the code the request calls for, "
                            + "with tests for it.", "branch");
                    g.add("run-tests", "Run the tests", TEST, "Build and run the whole test suite.", "implement");
                }
                g.add("review", "Review the change", REVIEW, "Review the diff for security, correctness and style.",
                        "run-tests");
                g.add("changelog", "Update the changelog and docs", DOCS, "Add the feature to the changelog and "
                        + "document it where users will look.", "review");
                g.add("merge", "Merge the branch", GIT, "Open the merge request and merge it once approved.", "changelog");
                deployAfter(g, request, "merge");
            }
            case BUG_FIX -> {
                g.add("branch", "Create a branch for the fix", GIT, "Create a branch for this fix from the main branch.");
                g.add("reproduce", "Reproduce the bug with a failing test", CODE, "Write a test that fails because of "
                        + "the bug, so the fix can be shown to work.", "branch");
                g.add("fix", "Fix the bug", CODE, "Change the code so the failing test passes.", "reproduce");
                g.add("run-tests", "Run the tests", TEST, "Build and run the whole test suite.", "fix");
                g.add("review", "Review the fix", REVIEW, "Review the diff for security, correctness and style.",
                        "run-tests");
                g.add("changelog", "Note the fix in the changelog", DOCS, "Add the fix to the changelog.", "review");
                g.add("merge", "Merge the fix", GIT, "Open the merge request and merge it once approved.", "changelog");
                deployAfter(g, request, "merge");
            }
            case DOCS -> {
                g.add("branch", "Create a branch for the documentation", GIT, "Create a branch from the main branch.");
                g.add("write-docs", "Write the documentation", DOCS, "Make the documentation change asked for.", "branch");
                g.add("review", "Review the documentation", REVIEW, "Check the text for accuracy and clarity.",
                        "write-docs");
                g.add("merge", "Merge the documentation", GIT, "Open the merge request and merge it once approved.",
                        "review");
            }
            case REFACTOR -> {
                g.add("branch", "Create a branch for the refactoring", GIT, "Create a branch from the main branch.");
                g.add("baseline", "Run the tests before the change", TEST, "Run the test suite first, so the "
                        + "refactoring can be shown to change no behaviour.", "branch");
                g.add("refactor", "Refactor the code", CODE, "Restructure the code as asked without changing what "
                        + "it does.", "baseline");
                g.add("run-tests", "Run the tests after the change", TEST, "Run the same test suite again; every "
                        + "test that passed before must pass.", "refactor");
                g.add("review", "Review the refactoring", REVIEW, "Review the diff: behaviour unchanged, code clearer.",
                        "run-tests");
                g.add("merge", "Merge the refactoring", GIT, "Open the merge request and merge it once approved.",
                        "review");
            }
            case DEPENDENCY_UPGRADE -> {
                g.add("branch", "Create a branch for the upgrade", GIT, "Create a branch from the main branch.");
                g.add("upgrade", "Upgrade the dependency", CODE, "Change the version and adapt the code to any "
                        + "breaking changes.", "branch");
                g.add("run-tests", "Build and run the tests", TEST, "Build and run the whole test suite on the new "
                        + "version.", "upgrade");
                g.add("review", "Review the upgrade", REVIEW, "Review the diff and the dependency's release notes: "
                        + "breaking changes, security fixes, licence.", "run-tests");
                g.add("changelog", "Note the upgrade in the changelog", DOCS, "Add the upgrade to the changelog.",
                        "review");
                g.add("merge", "Merge the upgrade", GIT, "Open the merge request and merge it once approved.",
                        "changelog");
            }
            case TESTS -> {
                g.add("branch", "Create a branch for the tests", GIT, "Create a branch from the main branch.");
                g.add("write-tests", "Write the tests", CODE, "Write the tests asked for.", "branch");
                g.add("run-tests", "Run the tests", TEST, "Build and run the whole test suite.", "write-tests");
                g.add("review", "Review the tests", REVIEW, "Check that the tests test what they claim.", "run-tests");
                g.add("merge", "Merge the tests", GIT, "Open the merge request and merge it once approved.", "review");
            }
            case RELEASE -> {
                g.add("run-tests", "Run the full test suite", TEST, "Build and run every test on the commit to release.");
                g.add("release-notes", "Write the release notes", DOCS, "Write the release notes and the changelog "
                        + "entry from the commits since the last release.");
                g.add("tag", "Tag the release", GIT, "Tag the tested commit as the release.", "run-tests",
                        "release-notes");
                deployAfter(g, request, "tag");
            }
            case PROJECT -> {
                g.add("architecture", "Architecture", PLAN, "Decide the architecture: components, interfaces, data "
                        + "and technology.");
                g.add("implementation", "Implementation", CODE, "Build what the architecture describes, with tests.",
                        "architecture");
                g.add("testing", "Testing", TEST, "Build and run the tests.", "implementation");
                g.add("documentation", "Documentation", DOCS, "Write the README and the changelog.", "testing");
                g.add("deployment", "Deployment", DEPLOY, "Deploy the result and check its health.", "documentation");
            }
        }
        return g.tasks;
    }

    /** Staging, then production unless the request stops at staging; a release always deploys. */
    private static void deployAfter(Graph g, String request, String after) {
        boolean release = g.tasks.stream().anyMatch(t -> t.taskId().equals("tag"));
        if (!release && !RequestKind.mentionsDeployment(request)) {
            return;
        }
        g.add("deploy-staging", "Deploy to staging", DEPLOY, "Deploy to staging and run the health check.", after);
        if (RequestKind.reachesProduction(request)) {
            g.add("deploy-production", "Deploy to production", DEPLOY, "Deploy to production and run the health "
                    + "check; roll back on failure.", "deploy-staging");
        }
    }

    /** Tasks in the order they are added; each description ends with the request. */
    private static final class Graph {
        private final String request;
        private final List<PlannedTask> tasks = new ArrayList<>();

        Graph(String request) {
            this.request = request;
        }

        void add(String id, String title, String capability, String purpose, String... dependsOn) {
            tasks.add(new PlannedTask(id, title, purpose + "\n\nRequest: " + request, List.of(capability),
                    List.of(dependsOn)));
        }
    }
}
