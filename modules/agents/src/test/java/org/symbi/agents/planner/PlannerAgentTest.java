package org.symbi.agents.planner;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.agents.llm.LlmClient;
import org.symbi.agents.llm.ScriptedOpenAiServer;
import org.symbi.agents.llm.TaskBudget;
import org.symbi.kernel.task.TaskView;
import org.symbi.kernel.task.WorkflowView;
import org.symbi.kernel.trace.StoredTrace;
import org.symbi.ledger.LedgerEntry;
import org.symbi.protocol.TaskStatus;
import org.symbi.protocol.TraceKind;
import org.symbi.protocol.TaskSpec;
import org.symbi.sdk.AgentClient;
import org.symbi.sdk.Eventually;
import org.symbi.sdk.LiveRoom;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The planner as an ordinary agent in a real room: plan tasks in, plans and traces out. */
class PlannerAgentTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String FIX = "Fix the crash when the ledger file is empty";

    @TempDir
    Path tmp;
    private LiveRoom room;
    private ScriptedOpenAiServer server;
    private AgentClient agent;

    @BeforeEach
    void open() throws IOException {
        room = new LiveRoom(tmp);
        server = ScriptedOpenAiServer.start();
    }

    @AfterEach
    void close() {
        if (agent != null) {
            agent.close();
        }
        server.close();
        room.close();
    }

    private void connect(PlannerAgent planner) throws Exception {
        agent = AgentClient.connect(room.uri(), room.token("planner-1", "plan"), planner.card("planner-1"), planner);
        room.awaitOnline("planner-1", WAIT);
    }

    private static ObjectNode request(String text) {
        return JsonNodeFactory.instance.objectNode().put("request", text);
    }

    @Test
    void withoutAModelTheRulesPlanAndThePlanBecomesAWorkflow() throws Exception {
        connect(PlannerAgent.configured(Optional.empty(), Map.of()));
        assertThat(room.kernel().registry().find("planner-1").orElseThrow().card().capabilities())
                .containsExactly("plan");

        TaskView done = room.runTask("plan-1", "plan", request(FIX), WAIT);

        assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(done.result().path("planner").asText()).isEqualTo("rules");
        assertThat(done.result().path("basis").asText()).isEqualTo("bug fix");
        List<StoredTrace> traces = room.kernel().traces().forTask("plan-1");
        assertThat(traces).singleElement().satisfies(t -> {
            assertThat(t.agentId()).isEqualTo("planner-1");
            assertThat(t.step().kind()).isEqualTo(TraceKind.DECISION);
            assertThat(t.step().content()).startsWith("Planned by rules (no language model)");
        });

        Plan plan = Plan.fromJson(done.result());
        assertThat(plan.tasks().getFirst().description()).endsWith("Request: " + FIX);
        WorkflowView workflow = room.kernel().tasks().createWorkflow("wf-fix", FIX, plan.toTaskSpecs("wf-fix"));
        assertThat(workflow.workflowId()).isEqualTo("wf-fix");
        assertThat(room.kernel().tasks().list(null, "wf-fix", 100)).extracting(TaskView::taskId)
                .containsExactlyInAnyOrder("wf-fix.branch", "wf-fix.reproduce", "wf-fix.fix", "wf-fix.run-tests",
                        "wf-fix.review", "wf-fix.changelog", "wf-fix.merge");
    }

    @Test
    void withAModelEveryCallIsTracedInTheRoomAndTheKeyIsNowhere() throws Exception {
        // the first answer echoes the Authorization header (so the key is in what the model said); then a plan
        server.replyWith(r -> new ScriptedOpenAiServer.Answer(200,
                server.completion(r, "I was called with " + r.header("Authorization"), 300, 20)));
        server.reply(LlmPlannerTest.VALID, 500, 120);
        LlmClient llm = LlmClient.open(server.config("gpt-4o-mini"), server.environment());
        connect(new PlannerAgent(new LlmPlanner(llm, TaskBudget.defaults(), 2),
                Optional.of(llm.config())));
        assertThat(room.kernel().registry().find("planner-1").orElseThrow().card().model().name())
                .isEqualTo("gpt-4o-mini");

        TaskView done = room.runTask("plan-2", "plan", request("Add fib(n) with tests"), WAIT);

        assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(done.result().path("planner").asText()).isEqualTo("llm");
        assertThat(done.result().path("tasks")).hasSize(3);
        List<StoredTrace> traces = room.kernel().traces().forTask("plan-2");
        assertThat(traces).extracting(t -> t.step().kind()).containsExactly(
                TraceKind.LLM_PROMPT, TraceKind.LLM_RESPONSE, TraceKind.OBSERVATION,
                TraceKind.LLM_PROMPT, TraceKind.LLM_RESPONSE, TraceKind.DECISION);
        StoredTrace response = traces.get(4);
        assertThat(response.step().model()).isEqualTo("gpt-4o-mini");
        assertThat(response.step().detail().path("tokens_in").asLong()).isEqualTo(500);
        assertThat(response.step().detail().path("tokens_out").asLong()).isEqualTo(120);
        assertThat(response.step().detail().has("cost_usd")).isTrue();
        assertThat(traces.get(1).step().content()).isEqualTo("I was called with Bearer [redacted]");

        String key = ScriptedOpenAiServer.API_KEY;
        assertThat(traces).allSatisfy(t -> assertThat(t.step().toString()).doesNotContain(key));
        List<LedgerEntry> ledger = room.kernel().ledger().entries(0, 10_000);
        assertThat(ledger).isNotEmpty().allSatisfy(e -> assertThat(e.canonicalJson()).doesNotContain(key));
        assertThat(done.result().toString()).doesNotContain(key);
        try (Stream<Path> files = Files.walk(tmp)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString())
                        .doesNotContain(key);
            }
        }
    }

    @Test
    void aPlanThatCannotBeMadeFailsTheAttemptWithTheReason() throws Exception {
        server.fail(400, "context too long").fail(400, "context too long").fail(400, "context too long");
        LlmClient llm = LlmClient.open(server.config("gpt-4o-mini"), server.environment());
        connect(new PlannerAgent(new LlmPlanner(llm, TaskBudget.defaults(), 2),
                Optional.of(llm.config())));

        room.kernel().tasks().create(new TaskSpec("plan-3", null, "Plan", null, List.of("plan"), null, null, null,
                null, null, null, request("Add fib(n)")));

        // the room backs off and tries again; the first attempt's failure is what the agent said
        Eventually.await(WAIT, () -> room.kernel().tasks().find("plan-3").orElseThrow().detail()
                .startsWith("failed on planner-1"));
        assertThat(room.kernel().tasks().find("plan-3").orElseThrow().detail())
                .contains("planning with openai-compatible model gpt-4o-mini").contains("context too long");
    }
}
