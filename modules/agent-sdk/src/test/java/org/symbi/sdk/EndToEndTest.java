package org.symbi.sdk;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.symbi.kernel.task.TaskView;
import org.symbi.ledger.LedgerEntry;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.AgentStatus;
import org.symbi.protocol.CanonicalJson;
import org.symbi.protocol.Ed25519;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.MessageType;
import org.symbi.protocol.RoomFrame;
import org.symbi.protocol.TaskSpec;
import org.symbi.protocol.TaskStatus;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * This client against the real room, a kernel and its gateway on loopback, over both transports: the
 * WebSocket and REST with long polling.
 */
class EndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;
    private LiveRoom room;
    private AgentClient client;
    private final List<Envelope> messages = new CopyOnWriteArrayList<>();

    private final AgentHandler echo = new AgentHandler() {
        @Override
        public void onTask(AgentClient c, TaskSpec task, Envelope request) {
            c.trace(Trace.thought(task.taskId(), "an echo task: the answer is the input"));
            c.completeTask(task, Map.of("echo", task.input()));
        }

        @Override
        public void onMessage(AgentClient c, Envelope message) {
            messages.add(message);
        }
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

    private URI address(String transport) {
        return transport.equals("websocket") ? room.uri() : room.httpUri();
    }

    private AgentClient connect(String transport, String agentId) throws Exception {
        client = AgentClient.connect(address(transport), room.token(agentId, "echo"),
                AgentCard.of(agentId, "echo", List.of("echo")), echo);
        room.awaitOnline(agentId, WAIT);
        return client;
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "long-poll"})
    void anEchoTaskIsDeliveredTracedAndCompleted(String transport) throws Exception {
        connect(transport, "echo-" + transport);
        TaskView done = room.runTask("t-" + transport, "echo", JsonNodeFactory.instance.textNode("hello"), WAIT);
        assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(done.result().path("echo").asText()).isEqualTo("hello");
        assertThat(done.assignedAgent()).isEqualTo("echo-" + transport);
        assertThat(room.kernel().traces().forTask("t-" + transport)).isNotEmpty();
        // acknowledged: nothing waits in the inbox to be delivered again
        Eventually.await(WAIT, () -> room.kernel().bus().depths().stream()
                .filter(d -> d.agentId().equals("echo-" + transport)).allMatch(d -> d.waiting() + d.processing() == 0));
    }

    @Test
    void anAgentWithAKeyVouchesForItsResultsAndStatementsInTheLedger() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        client = AgentClient.connect(room.uri(), room.token("signer", "echo"),
                AgentCard.of("signer", "echo", List.of("echo")), echo, AgentOptions.defaults().withSigningKey(keys));
        room.awaitOnline("signer", WAIT);

        TaskView done = room.runTask("t-signed", "echo", JsonNodeFactory.instance.textNode("hello"), WAIT);
        assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
        LedgerEntry completed = room.kernel().ledger().entries(0, 10, "agent:signer", "task.result", "t-signed")
                .getFirst();
        assertThat(completed.outcome()).isEqualTo("success");
        assertThat(completed.payload().get("result_sha256").asText()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(CanonicalJson.bytes(done.result()))));
        assertThat(completed.countersignature().publicKey())
                .isEqualTo(Base64.getEncoder().encodeToString(Ed25519.raw(keys.getPublic())));

        client.publish("reviews", Map.of("pr", 7)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        RoomFrame.Receipt receipt = client.send(Envelope.builder().fromAgent("signer").toAgent("*")
                .messageType(MessageType.EVENT).topic("reviews").payload(JsonNodeFactory.instance.objectNode())
                .trustReceipt(client.trustReceipt("review.approved", "pr-7", "success", Map.of("comments", 0)))
                .build()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(receipt.outcome()).isEqualTo(RoomFrame.Outcome.ACCEPTED);
        assertThat(room.kernel().ledger().entries(0, 10, "agent:signer", "review.approved", "pr-7")).singleElement()
                .satisfies(e -> assertThat(e.payload().get("comments").asInt()).isZero());
        assertThat(room.kernel().ledger().verify(n -> { }).ok()).isTrue();
    }

    @Test
    void withoutAKeyNoStatementIsSignedAndResultsGoUnsigned() throws Exception {
        connect("websocket", "unsigned");
        assertThatThrownBy(() -> client.trustReceipt("review.approved", "pr-7", "success", Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("withSigningKey");
        assertThat(room.runTask("t-unsigned", "echo", JsonNodeFactory.instance.textNode("hi"), WAIT).status())
                .isEqualTo(TaskStatus.COMPLETED);
        assertThat(room.kernel().ledger().entries(0, 100, "agent:unsigned", null, null))
                .isNotEmpty().allSatisfy(e -> assertThat(e.countersignature()).isNull());
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "long-poll"})
    void agentsTalkToEachOtherAcrossTransports(String transport) throws Exception {
        connect(transport, "listener");
        try (AgentClient other = AgentClient.connect(room.uri(), room.token("speaker", "echo"),
                AgentCard.of("speaker", "echo", List.of("echo")), echo)) {
            room.awaitOnline("speaker", WAIT);
            RoomFrame.Receipt receipt = other.send(Envelope.builder().fromAgent("speaker").toAgent("listener")
                    .messageType(MessageType.COLLABORATION_INVITE)
                    .payload(JsonNodeFactory.instance.objectNode().put("topic", "review")).build())
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(receipt.outcome()).isEqualTo(RoomFrame.Outcome.ACCEPTED);
            Eventually.await(WAIT, () -> messages.stream().anyMatch(m -> m.fromAgent().equals("speaker")));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "long-poll"})
    void closingTellsTheRoomAtOnceThatTheAgentIsOffline(String transport) throws Exception {
        String id = "leaving-" + transport;
        connect(transport, id);
        client.close();
        // the room's own sweep would need the heartbeat timeout (15 s); the goodbye takes a moment
        Eventually.await(Duration.ofSeconds(2), () -> room.kernel().registry().find(id).orElseThrow().status()
                == AgentStatus.OFFLINE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "long-poll"})
    void aWrongTokenFailsTheConnectAtOnce(String transport) {
        long before = System.nanoTime();
        assertThatThrownBy(() -> AgentClient.connect(address(transport), "not-a-token",
                AgentCard.of("nobody", "echo", List.of("echo")), echo)).isInstanceOf(IOException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "long-poll"})
    void aSubscriberGetsThePublishedEventsOfItsTopicsOnly(String transport) throws Exception {
        connect(transport, "subscriber");
        client.subscribe(List.of("builds")).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        try (AgentClient publisher = AgentClient.connect(room.uri(), room.token("publisher", "echo"),
                AgentCard.of("publisher", "echo", List.of("echo")), echo)) {
            room.awaitOnline("publisher", WAIT);
            publisher.publish("deploys", Map.of("n", 1)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            publisher.publish("builds", Map.of("n", 2)).get(WAIT.toSeconds(), TimeUnit.SECONDS);

            Eventually.await(WAIT, () -> messages.stream().anyMatch(m -> "builds".equals(m.topic())));
            Envelope event = messages.stream().filter(m -> "builds".equals(m.topic())).findFirst().orElseThrow();
            assertThat(event.fromAgent()).isEqualTo("publisher");
            assertThat(event.messageType()).isEqualTo(MessageType.EVENT);
            assertThat(event.payload().path("n").asInt()).isEqualTo(2);
            assertThat(messages).noneMatch(m -> "deploys".equals(m.topic()));
        }
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
