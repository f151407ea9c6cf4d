package org.symbi.kernel.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.symbi.kernel.task.TaskView;
import org.symbi.kernel.task.WorkflowView;
import org.symbi.protocol.TaskSpec;
import org.symbi.protocol.TaskStatus;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CompletionReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    void saysWhatTheResultsCameToAndWhatDidNotHappen() throws Exception {
        RequestView r = request();
        WorkflowView w = new WorkflowView("req-1", "Fix the typos", START, List.of(
                task("req-1.review", "review", null, TaskStatus.COMPLETED, """
                        {"verdict":"fail","reviewer":"static","findings":[
                          {"severity":"warning","message":"a TODO"},
                          {"severity":"error","message":"the diff is empty: there is no change to review"}]}"""),
                task("req-1.merge", "git", "merge", TaskStatus.COMPLETED, """
                        {"merged":true,"already_merged":true,"commit":"dfce8fb4919e"}""")));

        JsonNode report = CompletionReport.of(r, w, List.of(), START.plusSeconds(42), JSON);

        assertThat(report.path("status").asText()).isEqualTo("completed");
        assertThat(report.path("summary").asText()).isEqualTo("Completed all 2 tasks in 42 s; review fail (static): "
                + "the diff is empty: there is no change to review; nothing to merge: feature/req-1-fix has no commits "
                + "beyond main.");
    }

    @Test
    void aReleaseSaysWhatWasTaggedAndWhereItWasDeployed() throws Exception {
        WorkflowView w = new WorkflowView("req-1", "Release 1.4.0 to staging", START, List.of(
                task("req-1.tag", "git", "tag", TaskStatus.COMPLETED, """
                        {"tag":"v1.4.0","ref":"main","commit":"3f2a9c1d0e","created":true,"pushed":true}"""),
                task("req-1.deploy-staging", "deploy", null, TaskStatus.COMPLETED, """
                        {"environment":"staging","artifact":"/src/notes/dist/app.jar","deployed":true}""")));

        JsonNode report = CompletionReport.of(request(), w, List.of(), START.plusSeconds(9), JSON);

        assertThat(report.path("summary").asText()).isEqualTo("Completed all 2 tasks in 9 s; tagged main as v1.4.0 "
                + "at 3f2a9c1, pushed; deployed to staging.");
        assertThat(report.path("tag").path("tag").asText()).isEqualTo("v1.4.0");
        assertThat(report.path("deploys").get(0).path("artifact").asText()).isEqualTo("/src/notes/dist/app.jar");
    }

    @Test
    void aWorkflowThatStoppedNamesTheTasksThatDidNotComplete() throws Exception {
        WorkflowView w = new WorkflowView("req-1", "Add fib", START, List.of(
                task("req-1.run-tests", "test", null, TaskStatus.FAILED, null),
                task("req-1.merge", "git", "merge", TaskStatus.BLOCKED, null)));

        JsonNode report = CompletionReport.of(request(), w, List.of(), START.plusSeconds(120), JSON);

        assertThat(report.path("status").asText()).isEqualTo("failed");
        assertThat(report.path("summary").asText()).isEqualTo("Stopped after 0 of 2 tasks (run-tests failed) in 2 min.");
        assertThat(report.path("tasks")).hasSize(2);
    }

    private static RequestView request() {
        WorkflowDraft draft = new WorkflowDraft("rules", "documentation change", "feature/req-1-fix", "main", List.of());
        return new RequestView("req-1", "Fix the typos", new RequestTarget(Path.of("/src/notes"), null, "main", null,
                null), "local", RequestStatus.RUNNING, draft, null, null, START, START);
    }

    private static TaskView task(String id, String capability, String op, TaskStatus status, String result)
            throws Exception {
        JsonNode input = op == null ? JSON.createObjectNode() : JSON.createObjectNode().put("op", op);
        TaskSpec spec = new TaskSpec(id, "req-1", id, null, List.of(capability), null, null, null, null, status, 1L,
                input);
        return new TaskView(id, "req-1", id, spec, status, 1, "agent-1", 0, null, START, START, START,
                result == null ? null : JSON.readTree(result), null);
    }
}
