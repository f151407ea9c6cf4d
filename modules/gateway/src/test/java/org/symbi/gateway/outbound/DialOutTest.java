package org.symbi.gateway.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.resilience4j.core.IntervalFunction;
import io.javalin.Javalin;
import io.javalin.websocket.WsContext;
import org.eclipse.jetty.server.NetworkConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.kernel.bus.SendResult;
import org.symbi.kernel.task.TaskView;
import org.symbi.protocol.TaskSpec;
import org.symbi.protocol.TaskStatus;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.symbi.gateway.outbound.WebhookDeliveryTest.waitFor;

/** An agent that runs its own WebSocket server (a second Javalin): the room dials it and it completes a task. */
class DialOutTest {
    @TempDir
    Path tmp;
    TestRoom room;
    Javalin agent;
    DialOut dialOut;
    final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
    final AtomicReference<WsContext> socket = new AtomicReference<>();
    final AtomicReference<String> endpoint = new AtomicReference<>();
    final AtomicReference<Boolean> handshakeSigned = new AtomicReference<>();

    @AfterEach
    void stop() {
        if (dialOut != null) {
            dialOut.close();
        }
        if (agent != null) {
            agent.stop();
        }
        room.close();
    }

    @Test
    void theRoomDialsTheAgentWhichRegistersAndCompletesATask() throws Exception {
        room = new TestRoom(tmp);
        agent = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jetty.host = "127.0.0.1";
            cfg.jetty.port = 0;
            cfg.routes.ws("/agent", ws -> {
                ws.onConnect(ctx -> {
                    handshakeSigned.set(RoomSignature.verify(room.kernel.ledger().publicKey(),
                            ctx.header("X-Symbi-Timestamp"),
                            DialOutSession.handshakeText("remote", URI.create(endpoint.get())),
                            ctx.header("X-Symbi-Signature")));
                    socket.set(ctx);
                });
                ws.onMessage(ctx -> frames.add(ctx.message()));
            });
        }).start();
        endpoint.set("ws://127.0.0.1:" + port(agent) + "/agent");
        String card = ",\"endpoint\":\"" + endpoint.get() + "\"";
        assertThat(room.register("remote", card).outcome()).isEqualTo(SendResult.Outcome.ACCEPTED);

        dialOut = DialOut.start(room.kernel, RoomSignature.ofDataDir(room.dir), id -> false, IntervalFunction.of(50));

        JsonNode welcome = next("welcome");
        assertThat(welcome.path("agent_id").asText()).isEqualTo("remote");
        assertThat(handshakeSigned.get()).isTrue();
        socket.get().send(TestRoom.envelope("reg-2", "remote", "orchestrator", "register",
                "{\"agent_id\":\"remote\",\"agent_type\":\"test\",\"capabilities\":[\"java\"]" + card + "}"));
        assertThat(next("receipt").path("outcome").asText()).isEqualTo("accepted");
        socket.get().send(TestRoom.envelope("spoof", "someone-else", "orchestrator", "heartbeat",
                "{\"status\":\"available\"}"));
        assertThat(next("receipt").path("code").asText()).isEqualTo("spoofed_sender");

        room.kernel.tasks().create(new TaskSpec("t-1", null, "dial-out task", null, List.of("java"), null, null,
                null, null, null, null, null));
        JsonNode deliver = next("deliver");
        JsonNode task = deliver.path("envelope").path("payload");
        assertThat(task.path("task_id").asText()).isEqualTo("t-1");
        socket.get().send(TestRoom.envelope("ack-1", "remote", "orchestrator", "ack",
                "{\"delivery_ids\":[\"" + deliver.path("delivery_id").asText() + "\"]}"));
        assertThat(next("receipt").path("outcome").asText()).isEqualTo("accepted");
        socket.get().send(TestRoom.envelope("res-1", "remote", "orchestrator", "task_response",
                "{\"task_id\":\"t-1\",\"epoch\":" + task.path("epoch").asLong() + ",\"outcome\":\"success\"}"));
        assertThat(next("receipt").path("outcome").asText()).isEqualTo("accepted");

        waitFor(() -> room.kernel.tasks().find("t-1").map(TaskView::status).orElseThrow() == TaskStatus.COMPLETED);
        assertThat(room.kernel.bus().depth("remote").processing()).isZero();
    }

    @Test
    void theRoomDialsAgainAfterTheAgentDropsTheConnection() throws Exception {
        room = new TestRoom(tmp);
        agent = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jetty.host = "127.0.0.1";
            cfg.jetty.port = 0;
            cfg.routes.ws("/agent", ws -> {
                ws.onConnect(socket::set);
                ws.onMessage(ctx -> frames.add(ctx.message()));
            });
        }).start();
        room.register("remote", ",\"endpoint\":\"ws://127.0.0.1:" + port(agent) + "/agent\"");
        dialOut = DialOut.start(room.kernel, RoomSignature.ofDataDir(room.dir), id -> false, IntervalFunction.of(50));
        WsContext first = socket.get() == null ? awaitSocket(null) : socket.get();

        first.closeSession(1001, "agent restarting");

        assertThat(awaitSocket(first)).isNotSameAs(first);
        assertThat(dialOut.linkedAgents()).containsExactly("remote");
    }

    private WsContext awaitSocket(WsContext other) {
        waitFor(() -> socket.get() != null && socket.get() != other);
        return socket.get();
    }

    /** The next frame the agent received, which must be of this kind. */
    private JsonNode next(String kind) throws Exception {
        String frame = frames.poll(10, TimeUnit.SECONDS);
        assertThat(frame).as("a %s frame", kind).isNotNull();
        JsonNode node = room.kernel.codec().mapper().readTree(frame);
        assertThat(node.path("frame").asText()).as(frame).isEqualTo(kind);
        return node;
    }

    private static int port(Javalin app) {
        for (var connector : app.jettyServer().server().getConnectors()) {
            if (connector instanceof NetworkConnector n) {
                return n.getLocalPort();
            }
        }
        throw new IllegalStateException("not listening");
    }
}
