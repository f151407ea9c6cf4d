package org.symbi.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.agents.llm.LlmConfig;
import org.symbi.agents.llm.ScriptedOpenAiServer;
import org.symbi.app.ui.settings.LlmProvider;
import org.symbi.app.ui.settings.RoomSettings;
import org.symbi.store.DataDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code symbi plan}: the rules without a model, the configured model with one (a scripted local server). */
class PlanCommandTest {
    private static final String FIB = "Add a function that returns the n-th Fibonacci number, with tests";
    private static final String MODEL_PLAN = """
            {"tasks": [
              {"task_id": "branch", "title": "Create a branch", "description": "Branch off main.",
               "capabilities": ["git"], "depends_on": []},
              {"task_id": "fib", "title": "Write fib(n) with tests", "description": "Iterative.",
               "capabilities": ["code"], "depends_on": ["branch"]},
              {"task_id": "translate-docs", "title": "Translate the docs", "description": "Into French.",
               "capabilities": ["translate"], "depends_on": ["fib"]}
            ]}""";

    @TempDir
    Path data;
    private Symbi symbi;
    private ScriptedOpenAiServer server;

    @BeforeEach
    void start() throws IOException {
        assumeTrue(System.getenv(LlmConfig.ENV_PROVIDER) == null, "the environment would choose the model");
        symbi = new Symbi();
        server = ScriptedOpenAiServer.start();
    }

    @AfterEach
    void stop() {
        symbi.close();
        server.close();
    }

    private void configure(LlmProvider provider) throws IOException {
        RoomSettings.defaults().withLlmProviders(List.of(provider)).save(new DataDir(data));
    }

    private void configureScriptedServer() throws IOException {
        configure(new LlmProvider(LlmProvider.Kind.OPENAI_COMPATIBLE, "gpt-4o-mini", server.baseUrl(), null));
    }

    @Test
    void withoutAModelTheRulesPlanAndTheJsonHasTheProtocolsTaskFields() throws Exception {
        assertThat(symbi.run("plan", "Fix the crash when the ledger file is empty", "--json", "--data", data.toString()))
                .isZero();

        String out = symbi.output();
        assertThat(out).startsWith("{\"planner\":\"rules\",\"tasks\":[{\"task_id\":\"branch\",\"title\":"
                + "\"Create a branch for the fix\",\"capabilities\":[\"git\"],\"depends_on\":[]},"
                + "{\"task_id\":\"reproduce\",\"title\":\"Reproduce the bug with a failing test\","
                + "\"capabilities\":[\"code\"],\"depends_on\":[\"branch\"]},");
        JsonNode plan = AdminClient.JSON.readTree(out);
        assertThat(plan.properties()).extracting(java.util.Map.Entry::getKey).containsExactly("planner", "tasks");
        assertThat(plan.path("tasks")).hasSize(7).allSatisfy(t -> assertThat(t.properties())
                .extracting(java.util.Map.Entry::getKey)
                .containsExactly("task_id", "title", "capabilities", "depends_on"));
        assertThat(plan.path("tasks").get(6).path("task_id").asText()).isEqualTo("merge");
    }

    @Test
    void withoutJsonThePlanIsATableThatSaysWhoPlanned() {
        assertThat(symbi.run("plan", "Upgrade", "Jackson", "to", "2.18", "--data", data.toString())).isZero();

        List<String> lines = symbi.output().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("Planned by rules: the request reads as a dependency upgrade. "
                + "(No language model is configured.)");
        assertThat(lines.get(1).split("\\s+")).containsExactly("TASK", "CAPABILITIES", "AFTER", "TITLE");
        assertThat(lines.get(2).split("\\s{2,}")).containsExactly("branch", "git", "-", "Create a branch for the upgrade");
        assertThat(lines.get(3).split("\\s{2,}")).containsExactly("upgrade", "code", "branch", "Upgrade the dependency");
        assertThat(lines).hasSize(8);
    }

    @Test
    void theModelInTheSettingsPlansAndAnInvalidAnswerIsRetried() throws Exception {
        configureScriptedServer();
        server.reply("{\"tasks\": [{\"task_id\": \"fib\", \"title\": \"Write it\", \"description\": \"\", "
                + "\"capabilities\": [\"kubernetes\"], \"depends_on\": []}]}");
        server.reply(MODEL_PLAN);

        assertThat(symbi.run("plan", FIB, "--json", "--capabilities", "translate", "--data", data.toString())).isZero();

        assertThat(symbi.output()).isEqualTo("{\"planner\":\"llm\",\"tasks\":["
                + "{\"task_id\":\"branch\",\"title\":\"Create a branch\",\"capabilities\":[\"git\"],\"depends_on\":[]},"
                + "{\"task_id\":\"fib\",\"title\":\"Write fib(n) with tests\",\"capabilities\":[\"code\"],"
                + "\"depends_on\":[\"branch\"]},"
                + "{\"task_id\":\"translate-docs\",\"title\":\"Translate the docs\",\"capabilities\":[\"translate\"],"
                + "\"depends_on\":[\"fib\"]}]}");
        assertThat(server.requests()).hasSize(2);
        assertThat(server.requests().getFirst().body().path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(server.requests().getFirst().lastMessage()).isEqualTo(FIB);
        assertThat(server.requests().get(1).lastMessage()).contains("needs capability 'kubernetes', which no agent holds");
    }

    @Test
    void theTableNamesTheModel() throws Exception {
        configureScriptedServer();
        server.reply(MODEL_PLAN);

        assertThat(symbi.run("plan", FIB, "--capabilities", "translate", "--data", data.toString())).isZero();

        assertThat(symbi.output().lines().findFirst()).contains("Planned by openai-compatible model gpt-4o-mini at "
                + server.baseUrl() + ".");
    }

    @Test
    void rulesCanBeAskedForWhenAModelIsConfigured() throws Exception {
        configureScriptedServer();

        assertThat(symbi.run("plan", FIB, "--rules", "--json", "--data", data.toString())).isZero();

        assertThat(AdminClient.JSON.readTree(symbi.output()).path("planner").asText()).isEqualTo("rules");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aModelThatNeverGivesAValidPlanFailsTheCommandPlainly() throws Exception {
        configureScriptedServer();
        server.reply("no").reply("still no").reply("{\"tasks\": []}");

        assertThat(symbi.run("plan", FIB, "--json", "--data", data.toString())).isEqualTo(2);

        assertThat(symbi.output()).isEmpty();
        assertThat(symbi.errors()).contains("symbi: the model gave no valid plan in 3 answers; the last one: "
                + "the plan has no tasks");
    }

    @Test
    void aMissingKeyIsNamedAndNothingIsPlanned() throws Exception {
        configure(new LlmProvider(LlmProvider.Kind.OPENAI, "gpt-4o-mini", server.baseUrl(), "SYMBI_TEST_UNSET_KEY"));

        assertThat(symbi.run("plan", FIB, "--data", data.toString())).isEqualTo(2);

        assertThat(symbi.errors()).contains("OpenAI needs its API key in the environment variable "
                + "SYMBI_TEST_UNSET_KEY, which is not set");
        assertThat(server.requests()).isEmpty();
    }
}
