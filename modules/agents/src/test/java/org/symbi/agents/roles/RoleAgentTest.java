package org.symbi.agents.roles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.agents.AgentEnv;
import org.symbi.agents.AgentMain;
import org.symbi.agents.SupervisedRoom;
import org.symbi.agents.llm.ScriptedOpenAiServer;
import org.symbi.kernel.task.TaskView;
import org.symbi.kernel.trace.StoredTrace;
import org.symbi.protocol.TaskStatus;
import org.symbi.protocol.TraceKind;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A role agent with a model served by a scripted OpenAI-compatible server, configured as every agent's model
 * is ({@code SYMBI_LLM_*}), and one with no model.
 */
@Timeout(60)
class RoleAgentTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String PROMPT = "You write release notes for people who use the product.";

    private SupervisedRoom room;
    private ScriptedOpenAiServer server;
    private AgentMain.Running agent;

    @BeforeEach
    void open(@TempDir Path tmp) throws Exception {
        room = new SupervisedRoom(tmp);
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

    private void start(Map<String, String> settings) throws Exception {
        Map<String, String> env = room.env("notes-1", "release-notes");
        env.putAll(role());
        env.putAll(settings);
        agent = AgentMain.start(new RoleAgent.Kind(), new AgentEnv(env));
    }

    private static Map<String, String> role() {
        return Map.of("SYMBI_ROLE", "Release notes", "SYMBI_CAPABILITIES", "release-notes", "SYMBI_ROLE_PROMPT", PROMPT);
    }

    /** The scripted server as the provider, its key in the variable SYMBI_LLM_API_KEY_ENV names. */
    private Map<String, String> model(String name) {
        Map<String, String> env = new HashMap<>(server.environment());
        env.put("SYMBI_LLM_PROVIDER", "openai-compatible");
        env.put("SYMBI_LLM_MODEL", name);
        env.put("SYMBI_LLM_BASE_URL", server.baseUrl());
        env.put("SYMBI_LLM_API_KEY_ENV", ScriptedOpenAiServer.API_KEY_ENV);
        return env;
    }

    @Test
    void theModelDoesTheTaskWithTheRolesPromptAndTheCallIsTracedAsEveryAgentsIs() throws Exception {
        server.reply("## 1.2\n- It starts faster.", 42, 7);
        start(model("scripted-1"));
        room.createTask("notes", "Write the notes for 1.2", List.of("release-notes"),
                JsonNodeFactory.instance.objectNode().put("changes", "faster start"));
        TaskView task = room.awaitEnd("notes", WAIT);

        assertThat(task.status()).as(task.detail()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(room.kernel().registry().find("notes-1").orElseThrow().card().model().name()).isEqualTo("scripted-1");
        assertThat(task.result().path("answer").asText()).isEqualTo("## 1.2\n- It starts faster.");
        assertThat(task.result().path("role").asText()).isEqualTo("Release notes");
        assertThat(task.result().path("model").asText()).isEqualTo("scripted-1");
        assertThat(task.result().path("usage").path("tokens_in").asInt()).isEqualTo(42);
        assertThat(task.result().path("usage").path("tokens_out").asInt()).isEqualTo(7);

        assertThat(server.requests()).singleElement().satisfies(r -> {
            assertThat(r.header("Authorization")).isEqualTo("Bearer " + ScriptedOpenAiServer.API_KEY);
            assertThat(r.body().path("model").asText()).isEqualTo("scripted-1");
            assertThat(r.body().path("messages").get(0).path("content").asText()).isEqualTo(PROMPT);
            assertThat(r.lastMessage()).startsWith("Task: Write the notes for 1.2").contains("faster start");
        });
        List<StoredTrace> trace = room.kernel().traces().forTask("notes");
        assertThat(trace).extracting(t -> t.step().kind()).containsExactly(TraceKind.LLM_PROMPT, TraceKind.LLM_RESPONSE);
        JsonNode prompt = trace.getFirst().step().detail();
        assertThat(trace.getFirst().step().content()).startsWith("[system]\n" + PROMPT + "\n\n[user]\nTask: Write");
        assertThat(prompt.path("provider").asText()).isEqualTo("openai-compatible");
        assertThat(prompt.path("base_url").asText()).isEqualTo(server.baseUrl());
        assertThat(prompt.path("response_format").asText()).isEqualTo("text");
        JsonNode response = trace.get(1).step().detail();
        assertThat(trace.get(1).step().model()).isEqualTo("scripted-1");
        assertThat(response.path("tokens_in").asInt()).isEqualTo(42);
        assertThat(response.path("tokens_out").asInt()).isEqualTo(7);
        assertThat(response.has("latency_ms")).isTrue();
        assertThat(response.has("cost_usd")).isTrue();
        assertThat(trace).allSatisfy(t -> assertThat(t.step().toString()).doesNotContain(ScriptedOpenAiServer.API_KEY));
    }

    @Test
    void anEndpointThatNeedsNoKeyIsUsedWithoutOne() throws Exception {
        server.reply("done");
        Map<String, String> keyless = model("local");
        keyless.remove("SYMBI_LLM_API_KEY_ENV");
        keyless.remove(ScriptedOpenAiServer.API_KEY_ENV);
        start(keyless);
        room.createTask("keyless", "Write the notes", List.of("release-notes"), null);
        assertThat(room.awaitEnd("keyless", WAIT).status()).isEqualTo(TaskStatus.COMPLETED);
    }

    @Test
    void aCallPastTheTasksBudgetFailsTheTask() throws Exception {
        for (int attempt = 0; attempt < 5; attempt++) { // the room tries a failed task again, afresh
            server.reply("notes", 42, 7);
        }
        Map<String, String> tight = model("scripted-1");
        tight.put("SYMBI_LLM_TASK_TOKENS", "40");
        start(tight);
        room.createTask("costly", "Write the notes", List.of("release-notes"), null);

        TaskView task = room.awaitEnd("costly", WAIT);

        assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(task.detail()).contains("task costly went over its model budget: 49 of 40 tokens");
    }

    @Test
    void aProviderWhoseKeyIsNotSetIsABadSetting() {
        Map<String, String> env = new HashMap<>(role());
        env.put("SYMBI_LLM_PROVIDER", "openai");
        env.put("SYMBI_LLM_MODEL", "gpt-4o-mini");

        assertThatThrownBy(() -> new RoleAgent.Kind().create(new AgentEnv(env)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("OPENAI_API_KEY");
    }

    @Test
    void withoutAModelTheRoleSaysSoAndItsTasksWaitForACapableAgent() throws Exception {
        start(Map.of());
        SupervisedRoom.await(WAIT, () -> room.errors().stream().anyMatch(e -> e.code().equals(RoleAgent.NO_MODEL)),
                () -> "the model_required report");
        assertThat(room.errors()).filteredOn(e -> e.code().equals(RoleAgent.NO_MODEL)).singleElement()
                .satisfies(e -> assertThat(e.message()).startsWith("The Release notes agent needs a language model")
                        .contains("SYMBI_LLM_PROVIDER")
                        .contains("tasks needing release-notes wait for an agent that can do them"));
        assertThat(room.kernel().registry().find("notes-1").orElseThrow().card().capabilities()).isEmpty();

        room.createTask("waits", "Write the notes", List.of("release-notes"), null);
        Thread.sleep(1000);
        assertThat(room.kernel().tasks().find("waits").orElseThrow().status()).isEqualTo(TaskStatus.READY);
        assertThat(server.requests()).isEmpty();
    }
}
