package org.symbi.sdk;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.kernel.task.TaskView;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.TaskStatus;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** This client against the real room: a kernel and its gateway on loopback. */
class EndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;
    private LiveRoom room;
    private AgentClient client;

    private final AgentHandler echo = (client, task, request) -> {
        client.trace(Trace.thought(task.taskId(), "an echo task: the answer is the input"));
        client.completeTask(task, Map.of("echo", task.input()));
    };

    @BeforeEach
    void start() throws Exception {
        room = new LiveRoom(tmp);
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        room.close();
    }

    @Test
    void anEchoTaskIsTracedAndCompleted() throws Exception {
        client = AgentClient.connect(room.uri(), room.token("echo-java", "echo"),
                AgentCard.of("echo-java", "echo", List.of("echo")), echo);
        room.awaitOnline("echo-java", WAIT);
        TaskView done = room.runTask("t-java", "echo", JsonNodeFactory.instance.textNode("hello"), WAIT);
        assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(done.result().path("echo").asText()).isEqualTo("hello");
        assertThat(room.kernel().traces().forTask("t-java")).isNotEmpty();
    }

    @Test
    void afterBeingCutOffItReconnectsWithARenewedTokenAndWorksOn() throws Exception {
        client = AgentClient.connect(room.uri(), room.token("echo-java", "echo"),
                AgentCard.of("echo-java", "echo", List.of("echo")), echo);
        String firstSession = client.session().sessionId();
        WebSocket intruder = cutOff("echo-java");
        Eventually.await(WAIT, () -> client.session() != null && !client.session().sessionId().equals(firstSession));
        intruder.abort();
        room.awaitOnline("echo-java", WAIT);
        TaskView done = room.runTask("t-again", "echo", JsonNodeFactory.instance.textNode("again"), WAIT);
        assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
    }

    @Test
    void theNodeExampleAgentCompletesEchoTasksAlsoAfterBeingCutOff() throws Exception {
        try (NodeAgent agent = NodeAgent.start(room.uri(), room.token("echo-node", "echo"), "echo-node")) {
            room.awaitOnline("echo-node", WAIT);
            TaskView done = room.runTask("t-node", "echo", JsonNodeFactory.instance.objectNode().put("text", "hi"),
                    WAIT);
            assertThat(done.status()).as(agent.output()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(done.result().path("echo").path("text").asText()).isEqualTo("hi");
            assertThat(done.assignedAgent()).isEqualTo("echo-node");

            // replaced by another connection (4409), the agent comes back with a renewed token and works on
            WebSocket intruder = cutOff("echo-node");
            Eventually.await(WAIT, () -> agent.output().split("welcome:", -1).length > 2);
            intruder.abort();
            TaskView again = room.runTask("t-node-2", "echo", JsonNodeFactory.instance.textNode("again"), WAIT);
            assertThat(again.status()).as(agent.output()).isEqualTo(TaskStatus.COMPLETED);
        }
    }

    /** Connects as the agent, which makes the room close the agent's own connection with 4409. */
    private WebSocket cutOff(String agentId) throws Exception {
        return HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + room.token(agentId, "echo"))
                .buildAsync(room.uri(), new WebSocket.Listener() { }).get(10, TimeUnit.SECONDS);
    }
}
