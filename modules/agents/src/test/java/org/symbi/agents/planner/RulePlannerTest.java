package org.symbi.agents.planner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.symbi.agents.Capabilities;
import org.symbi.protocol.TraceKind;
import org.symbi.protocol.TraceStep;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Different kinds of request get differently shaped graphs from the rules. */
class RulePlannerTest {
    private final RulePlanner planner = new RulePlanner();

    static Stream<Arguments> requests() {
        return Stream.of(
                Arguments.of("Add a function that returns the n-th Fibonacci number, with tests", RequestKind.FEATURE,
                        List.of("branch git", "implement code <- branch", "write-tests code <- branch",
                                "run-tests test <- implement, write-tests",
                                "review review <- run-tests", "changelog docs <- review", "merge git <- changelog")),
                Arguments.of("Add rate limiting to the login endpoint and deploy it to production", RequestKind.FEATURE,
                        List.of("branch git", "implement code <- branch", "run-tests test <- implement", "review review <- run-tests", "changelog docs <- review",
                                "merge git <- changelog", "deploy-staging deploy <- merge",
                                "deploy-production deploy <- deploy-staging")),
                Arguments.of("Fix the crash when the ledger file is empty", RequestKind.BUG_FIX,
                        List.of("branch git", "reproduce code <- branch", "fix code <- reproduce", "run-tests test <- fix",
                                "review review <- run-tests", "changelog docs <- review", "merge git <- changelog")),
                Arguments.of("Fix the typos in the README", RequestKind.DOCS,
                        List.of("branch git", "write-docs docs <- branch", "review review <- write-docs",
                                "merge git <- review")),
                Arguments.of("Refactor the gateway's error handling into one class", RequestKind.REFACTOR,
                        List.of("branch git", "baseline test <- branch", "refactor code <- baseline",
                                "run-tests test <- refactor", "review review <- run-tests", "merge git <- review")),
                Arguments.of("Upgrade Jackson to 2.18", RequestKind.DEPENDENCY_UPGRADE,
                        List.of("branch git", "upgrade code <- branch", "run-tests test <- upgrade",
                                "review review <- run-tests", "changelog docs <- review", "merge git <- changelog")),
                Arguments.of("Write more unit tests for the ledger verifier", RequestKind.TESTS,
                        List.of("branch git", "write-tests code <- branch", "run-tests test <- write-tests",
                                "review review <- run-tests", "merge git <- review")),
                Arguments.of("Release version 1.4", RequestKind.RELEASE,
                        List.of("run-tests test", "release-notes docs", "tag git <- run-tests, release-notes",
                                "deploy-staging deploy <- tag", "deploy-production deploy <- deploy-staging")),
                Arguments.of("Deploy the website to staging", RequestKind.RELEASE,
                        List.of("run-tests test", "release-notes docs", "tag git <- run-tests, release-notes",
                                "deploy-staging deploy <- tag")),
                Arguments.of("A website for a bakery, with online orders", RequestKind.PROJECT,
                        List.of("architecture plan", "implementation code <- architecture", "testing test <- implementation",
                                "documentation docs <- testing", "deployment deploy <- documentation")));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("requests")
    void eachKindOfRequestGetsItsOwnGraph(String request, RequestKind kind, List<String> graph) {
        List<TraceStep> steps = new ArrayList<>();

        Plan plan = planner.plan(request, Capabilities.BUILT_IN, "t-plan", steps::add);

        assertThat(RequestKind.of(request)).isEqualTo(kind);
        assertThat(plan.planner()).isEqualTo(Plan.RULES);
        assertThat(plan.basis()).isEqualTo(kind.label());
        assertThat(shape(plan)).containsExactlyElementsOf(graph);
        assertThat(PlanValidator.problems(plan.tasks(), Capabilities.BUILT_IN)).isEmpty();
        assertThat(plan.tasks()).allSatisfy(t -> assertThat(t.description()).endsWith("Request: " + request));
        assertThat(steps).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(TraceKind.DECISION);
            assertThat(s.taskId()).isEqualTo("t-plan");
            assertThat(s.content()).startsWith("Planned by rules (no language model): the request reads as a "
                    + kind.label() + "; " + graph.size() + " tasks.");
        });
    }

    @Test
    void noTwoKindsOfRequestShareAGraph() {
        Set<List<String>> graphs = new HashSet<>();
        List<Arguments> rows = requests().toList();
        rows.forEach(r -> graphs.add(shape(planner.plan((String) r.get()[0], Capabilities.BUILT_IN, null, s -> { }))));
        assertThat(graphs).hasSize(rows.size());
        assertThat(rows.stream().map(r -> r.get()[1]).distinct()).hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void anEmptyRequestIsRefused() {
        assertThatThrownBy(() -> planner.plan("  ", Capabilities.BUILT_IN, null, s -> { }))
                .isInstanceOf(PlanningException.class).hasMessageContaining("the request is empty");
    }

    @Test
    void aPlanNeedingACapabilityNoAgentHoldsIsRefused() {
        assertThatThrownBy(() -> planner.plan("Release version 2", List.of("plan", "code", "git", "test", "docs"),
                null, s -> { }))
                .isInstanceOf(PlanningException.class)
                .hasMessageContaining("needs capability 'deploy', which no agent holds");
    }

    /** Each task as "id capability <- dependencies". */
    static List<String> shape(Plan plan) {
        return plan.tasks().stream()
                .map(t -> t.taskId() + " " + String.join(",", t.capabilities())
                        + (t.dependsOn().isEmpty() ? "" : " <- " + String.join(", ", t.dependsOn())))
                .toList();
    }
}
