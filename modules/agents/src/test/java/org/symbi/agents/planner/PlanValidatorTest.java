package org.symbi.agents.planner;

import org.junit.jupiter.api.Test;
import org.symbi.agents.Capabilities;
import org.symbi.protocol.TaskSpec;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PlanValidatorTest {
    private static PlannedTask task(String id, String capability, String... dependsOn) {
        return new PlannedTask(id, "Task " + id, null, capability == null ? List.of() : List.of(capability),
                List.of(dependsOn));
    }

    @Test
    void aValidDagHasNoProblems() {
        assertThat(PlanValidator.problems(List.of(task("a", "code"), task("b", "test", "a"), task("c", "review", "a", "b")),
                Capabilities.BUILT_IN)).isEmpty();
    }

    @Test
    void everyProblemIsNamed() {
        List<String> problems = PlanValidator.problems(List.of(
                task("a", "code", "c"),
                task("a", "test"),
                task("Bad Id", "code"),
                task("b", "deploy-k8s", "b"),
                task("c", null, "a", "ghost"),
                new PlannedTask("d", " ", null, List.of("docs"), List.of())), Capabilities.BUILT_IN);

        assertThat(problems).containsExactly(
                "task 'a' appears twice; task ids must be unique",
                "task 'Bad Id': task_id must be 1 to 48 lowercase letters, digits, '-' or '_'",
                "task 'b' needs capability 'deploy-k8s', which no agent holds (known: code, deploy, docs, git, plan, "
                        + "review, test)",
                "task 'c' names no capabilities; each task needs at least one",
                "task 'd' has no title",
                "task 'b' depends on itself",
                "task 'c' depends on 'ghost', which is not in the plan",
                "the plan has a dependency cycle (each depends on the next): a → c → a");
    }

    @Test
    void anEmptyPlanIsAProblem() {
        assertThat(PlanValidator.problems(List.of(), Capabilities.BUILT_IN)).containsExactly("the plan has no tasks");
    }

    @Test
    void theJsonHasExactlyTheProtocolsTaskFields() {
        Plan plan = new Plan(Plan.RULES, "bug fix", "Fix it", List.of(
                new PlannedTask("fix", "Fix the bug", "Change the code.", List.of("code"), List.of()),
                new PlannedTask("run-tests", "Run the tests", null, List.of("test"), List.of("fix"))));

        assertThat(plan.toJson().toString()).isEqualTo("{\"planner\":\"rules\",\"tasks\":["
                + "{\"task_id\":\"fix\",\"title\":\"Fix the bug\",\"capabilities\":[\"code\"],\"depends_on\":[]},"
                + "{\"task_id\":\"run-tests\",\"title\":\"Run the tests\",\"capabilities\":[\"test\"],"
                + "\"depends_on\":[\"fix\"]}]}");

        List<TaskSpec> specs = plan.toTaskSpecs("wf-7");
        assertThat(specs).extracting(TaskSpec::taskId).containsExactly("wf-7.fix", "wf-7.run-tests");
        assertThat(specs.get(1).dependsOn()).containsExactly("wf-7.fix");
        assertThat(specs.get(1).workflowId()).isEqualTo("wf-7");
        assertThat(specs.get(0).requiredCapabilities()).containsExactly("code");
        assertThat(specs.get(0).description()).isEqualTo("Change the code.");
        assertThat(specs.get(0).input().path("request").asText()).isEqualTo("Fix it");
    }
}
