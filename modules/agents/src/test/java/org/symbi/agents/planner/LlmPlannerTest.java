package org.symbi.agents.planner;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.symbi.agents.Capabilities;
import org.symbi.agents.llm.LlmClient;
import org.symbi.agents.llm.ScriptedOpenAiServer;
import org.symbi.agents.llm.TaskBudget;
import org.symbi.protocol.TraceKind;
import org.symbi.protocol.TraceStep;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The model's plan, through the real OpenAI client and a scripted server: validation and bounded retries. */
class LlmPlannerTest {
    static final String VALID = """
            {"tasks": [
              {"task_id": "branch", "title": "Create a branch", "description": "Branch off main.",
               "capabilities": ["git"], "depends_on": []},
              {"task_id": "fib", "title": "Write fib(n) and its tests", "description": "Iterative, n >= 0.",
               "capabilities": ["code"], "depends_on": ["branch"]},
              {"task_id": "test", "title": "Run the tests", "description": "mvn test",
               "capabilities": ["test"], "depends_on": ["fib"]}
            ]}""";
    static final String INVALID = """
            {"tasks": [
              {"task_id": "fib", "title": "Write fib(n)", "description": "",
               "capabilities": ["deploy-k8s"], "depends_on": ["test"]},
              {"task_id": "test", "title": "Run the tests", "description": "",
               "capabilities": ["test"], "depends_on": ["fib"]}
            ]}""";
    private static final String REQUEST = "Add a function that returns the n-th Fibonacci number, with tests";

    private ScriptedOpenAiServer server;
    private final List<TraceStep> steps = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = ScriptedOpenAiServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private LlmPlanner planner() {
        return new LlmPlanner(LlmClient.open(server.config("gpt-4o-mini"), server.environment()),
                TaskBudget.defaults(), LlmPlanner.DEFAULT_RETRIES);
    }

    @Test
    void theModelsPlanIsAskedForAsStructuredOutputAndKept() {
        server.reply(VALID, 900, 250);
        List<String> capabilities = new ArrayList<>(Capabilities.BUILT_IN);
        capabilities.add("translate");

        Plan plan = planner().plan(REQUEST, capabilities, "t-plan", steps::add);

        assertThat(plan.planner()).isEqualTo(Plan.LLM);
        assertThat(plan.basis()).isEqualTo("gpt-4o-mini");
        assertThat(RulePlannerTest.shape(plan)).containsExactly("branch git", "fib code <- branch", "test test <- fib");
        assertThat(plan.tasks().get(1).description()).isEqualTo("Iterative, n >= 0.");

        JsonNode body = server.requests().getFirst().body();
        assertThat(body.path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(body.path("messages").get(0).path("content").asText())
                .contains("- code: write or edit source files").contains("- translate: held by a connected agent");
        assertThat(body.path("messages").get(1).path("content").asText()).isEqualTo(REQUEST);
        JsonNode format = body.path("response_format");
        assertThat(format.path("type").asText()).isEqualTo("json_schema");
        assertThat(format.path("json_schema").path("name").asText()).isEqualTo("plan");
        JsonNode taskSchema = format.path("json_schema").path("schema").path("properties").path("tasks").path("items");
        assertThat(taskSchema.path("required")).extracting(JsonNode::asText)
                .containsExactly("task_id", "title", "description", "capabilities", "depends_on");
        assertThat(taskSchema.path("properties").path("capabilities").path("items").path("enum"))
                .extracting(JsonNode::asText)
                .containsExactly("code", "deploy", "docs", "git", "plan", "review", "test", "translate");

        assertThat(steps).extracting(TraceStep::kind)
                .containsExactly(TraceKind.LLM_PROMPT, TraceKind.LLM_RESPONSE, TraceKind.DECISION);
        assertThat(steps.get(1).detail().path("tokens_in").asLong()).isEqualTo(900);
        assertThat(steps.get(2).content()).isEqualTo("Planned by openai-compatible model gpt-4o-mini at "
                + server.baseUrl() + ": 3 tasks.");
    }

    @Test
    void anInvalidPlanIsSentBackWithItsProblemsAndTheCorrectedOneKept() {
        server.reply(INVALID).reply(VALID);

        Plan plan = planner().plan(REQUEST, Capabilities.BUILT_IN, "t-plan", steps::add);

        assertThat(plan.tasks()).hasSize(3);
        assertThat(server.requests()).hasSize(2);
        JsonNode retry = server.requests().get(1).body().path("messages");
        assertThat(retry).extracting(m -> m.path("role").asText())
                .containsExactly("system", "user", "assistant", "user");
        assertThat(retry.get(2).path("content").asText()).isEqualTo(INVALID);
        assertThat(retry.get(3).path("content").asText())
                .startsWith("That plan is not valid:")
                .contains("task 'fib' needs capability 'deploy-k8s', which no agent holds")
                .contains("the plan has a dependency cycle (each depends on the next): fib → test → fib")
                .endsWith("Answer again with the whole corrected plan as JSON.");
        assertThat(steps).extracting(TraceStep::kind).containsExactly(
                TraceKind.LLM_PROMPT, TraceKind.LLM_RESPONSE, TraceKind.OBSERVATION,
                TraceKind.LLM_PROMPT, TraceKind.LLM_RESPONSE, TraceKind.DECISION);
        assertThat(steps.get(2).content()).startsWith("Answer 1 rejected. That plan is not valid:");
        assertThat(steps.get(5).content()).endsWith("3 tasks (answer 2).");
    }

    @Test
    void afterTheRetriesPlanningFailsWithTheLastProblems() {
        server.reply("Sure! Here is your plan: step 1, step 2.")
                .reply("{\"steps\": []}")
                .reply(INVALID)
                .reply(VALID);

        assertThatThrownBy(() -> planner().plan(REQUEST, Capabilities.BUILT_IN, "t-plan", steps::add))
                .isInstanceOf(PlanningException.class)
                .hasMessageStartingWith("the model gave no valid plan in 3 answers; the last one: ")
                .hasMessageContaining("deploy-k8s");
        assertThat(server.requests()).as("two retries, then no more").hasSize(3);
        assertThat(server.remaining()).isEqualTo(1);
        assertThat(steps).filteredOn(s -> s.kind() == TraceKind.OBSERVATION).extracting(TraceStep::content)
                .satisfiesExactly(
                        c -> assertThat(c).contains("the answer is not JSON"),
                        c -> assertThat(c).contains("a JSON object with a \"tasks\" array"),
                        c -> assertThat(c).contains("deploy-k8s"));
    }

    @Test
    void aProviderErrorFailsPlanningPlainly() {
        server.fail(404, "The model `gpt-9` does not exist");

        assertThatThrownBy(() -> planner().plan(REQUEST, Capabilities.BUILT_IN, "t-plan", steps::add))
                .isInstanceOf(PlanningException.class)
                .hasMessageContaining("planning with openai-compatible model gpt-4o-mini")
                .hasMessageContaining("The model `gpt-9` does not exist");
    }

    @Test
    void aPlanWrappedInACodeFenceIsRead() {
        server.reply("```json\n" + VALID + "\n```");

        assertThat(planner().plan(REQUEST, Capabilities.BUILT_IN, null, steps::add).tasks()).hasSize(3);
    }

    @Test
    void thePlanningBudgetBoundsTheRetries() {
        server.reply(INVALID, 700, 200).reply(INVALID, 700, 200).reply(VALID);
        LlmPlanner planner = new LlmPlanner(LlmClient.open(server.config("gpt-4o-mini"), server.environment()),
                new TaskBudget(1500, 0), 5);

        assertThatThrownBy(() -> planner.plan(REQUEST, Capabilities.BUILT_IN, "t-plan", steps::add))
                .isInstanceOf(PlanningException.class)
                .hasMessageContaining("went over its model budget: 1800 of 1500 tokens");
        assertThat(server.requests()).hasSize(2);
    }
}
