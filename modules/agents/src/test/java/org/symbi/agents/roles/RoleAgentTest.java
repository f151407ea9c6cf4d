package org.symbi.agents.roles;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.agents.AgentEnv;
import org.symbi.agents.AgentMain;
import org.symbi.agents.ScriptedModel;
import org.symbi.agents.SupervisedRoom;
import org.symbi.kernel.task.TaskView;
import org.symbi.protocol.TaskStatus;
import org.symbi.protocol.TraceKind;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A role agent with a model served by a scripted OpenAI-compatible endpoint, and one with no model. */
@Timeout(60)
class RoleAgentTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String PROMPT = "You write release notes for people who use the product.";

    private SupervisedRoom room;
    private ScriptedModel model;
    private AgentMain.Running agent;

    @BeforeEach
    void open(@TempDir Path tmp) throws Exception {
        room = new SupervisedRoom(tmp);
        model = new ScriptedModel();
    }

    @AfterEach
    void close() {
        if (agent != null) {
            agent.close();
        }
        model.close();
        room.close();
    }

    private void start(Map<String, String> settings) throws Exception {
        Map<String, String> env = room.env("notes-1", "release-notes");
        env.put("SYMBI_ROLE", "Release notes");
        env.put("SYMBI_CAPABILITIES", "release-notes");
        env.put("SYMBI_ROLE_PROMPT", PROMPT);
        env.putAll(settings);
        agent = AgentMain.start(new RoleAgent.Kind(), new AgentEnv(env));
    }

    @Test
    void theModelDoesTheTaskWithTheRolesPromptAndBothAreInTheTrace() throws Exception {
        start(Map.of("SYMBI_LLM_BASE_URL", model.baseUrl(), "SYMBI_LLM_MODEL", "scripted-1",
                "SYMBI_LLM_API_KEY", "secret-key"));
        room.createTask("notes", "Write the notes for 1.2", List.of("release-notes"),
                JsonNodeFactory.instance.objectNode().put("changes", "faster start"));
        TaskView task = room.awaitEnd("notes", WAIT);

        assertThat(task.status()).as(task.detail()).isEqualTo(TaskStatus.COMPLETED);
        String expected = ScriptedModel.reply(PROMPT, "Task: Write the notes for 1.2");
        assertThat(task.result().path("answer").asText()).isEqualTo(expected);
        assertThat(task.result().path("role").asText()).isEqualTo("Release notes");
        assertThat(task.result().path("model").asText()).isEqualTo("scripted-1");
        assertThat(task.result().path("usage").path("output_tokens").asInt()).isEqualTo(7);

        assertThat(model.requests()).singleElement().satisfies(r -> {
            assertThat(r.path("model").asText()).isEqualTo("scripted-1");
            assertThat(r.path("messages").get(0).path("content").asText()).isEqualTo(PROMPT);
            assertThat(r.path("messages").get(1).toString()).contains("faster start");
        });
        var trace = room.kernel().traces().forTask("notes");
        assertThat(trace).extracting(t -> t.step().kind()).containsExactly(TraceKind.LLM_PROMPT, TraceKind.LLM_RESPONSE);
        assertThat(trace.getFirst().step().detail().path("system").asText()).isEqualTo(PROMPT);
        assertThat(trace.get(1).step().content()).isEqualTo(expected);
        assertThat(trace.get(1).step().model()).isEqualTo("scripted-1");
        assertThat(trace.get(1).step().detail().path("input_tokens").asInt()).isEqualTo(42);
        assertThat(trace.get(1).step().detail().has("latency_ms")).isTrue();
        assertThat(trace).allSatisfy(t -> assertThat(t.step().toString()).doesNotContain("secret-key"));
    }

    @Test
    void anEndpointThatNeedsNoKeyIsUsedWithoutOne() throws Exception {
        start(Map.of("SYMBI_LLM_BASE_URL", model.baseUrl(), "SYMBI_LLM_MODEL", "local"));
        room.createTask("keyless", "Write the notes", List.of("release-notes"), null);
        assertThat(room.awaitEnd("keyless", WAIT).status()).isEqualTo(TaskStatus.COMPLETED);
    }

    @Test
    void withoutAModelTheRoleSaysSoAndItsTasksWaitForACapableAgent() throws Exception {
        start(Map.of());
        SupervisedRoom.await(WAIT, () -> room.errors().stream().anyMatch(e -> e.code().equals(RoleAgent.NO_MODEL)),
                () -> "the model_required report");
        assertThat(room.errors()).filteredOn(e -> e.code().equals(RoleAgent.NO_MODEL)).singleElement()
                .satisfies(e -> assertThat(e.message()).startsWith("The Release notes agent needs a language model")
                        .contains("tasks needing release-notes wait for an agent that can do them"));
        assertThat(room.kernel().registry().find("notes-1").orElseThrow().card().capabilities()).isEmpty();

        room.createTask("waits", "Write the notes", List.of("release-notes"), null);
        Thread.sleep(1000);
        assertThat(room.kernel().tasks().find("waits").orElseThrow().status()).isEqualTo(TaskStatus.READY);
        assertThat(model.requests()).isEmpty();
    }
}
