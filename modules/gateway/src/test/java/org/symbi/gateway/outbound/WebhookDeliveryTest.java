package org.symbi.gateway.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.github.resilience4j.core.IntervalFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.kernel.bus.SendResult;
import org.symbi.kernel.events.KernelEvent;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookDeliveryTest {
    /** One POST the agent's webhook received. */
    record Received(String timestamp, String signature, String body) {
    }

    @TempDir
    Path tmp;
    TestRoom room;
    HttpServer agent;
    WebhookDelivery webhooks;
    final List<Received> received = new CopyOnWriteArrayList<>();
    final ConcurrentLinkedQueue<Integer> answers = new ConcurrentLinkedQueue<>();
    final List<KernelEvent.MessageAcked> acks = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        room = new TestRoom(tmp);
        room.kernel.events().subscribe(KernelEvent.MessageAcked.class, acks::add);
        agent = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        agent.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestHeaders().getFirst("X-Symbi-Timestamp"),
                    exchange.getRequestHeaders().getFirst("X-Symbi-Signature"), body));
            Integer status = answers.poll();
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            exchange.close();
        });
        agent.start();
        webhooks = WebhookDelivery.start(room.kernel, RoomSignature.ofDataDir(room.dir), id -> false,
                IntervalFunction.of(50));
        String url = "http://127.0.0.1:" + agent.getAddress().getPort() + "/hook";
        assertThat(room.register("hooked", ",\"webhook_url\":\"" + url + "\"").outcome())
                .isEqualTo(SendResult.Outcome.ACCEPTED);
        assertThat(room.register("sender", "").outcome()).isEqualTo(SendResult.Outcome.ACCEPTED);
        waitFor(() -> webhooks.hookedAgents().contains("hooked"));
    }

    @AfterEach
    void stop() {
        webhooks.close();
        agent.stop(0);
        room.close();
    }

    @Test
    void aSignedDeliveryIsAckedByA2xx() throws Exception {
        send("m-1");
        waitFor(() -> acks.size() == 1);

        assertThat(received).hasSize(1);
        Received r = received.getFirst();
        assertThat(RoomSignature.verify(room.kernel.ledger().publicKey(), r.timestamp(), r.body(), r.signature()))
                .isTrue();
        assertThat(RoomSignature.verify(room.kernel.ledger().publicKey(), r.timestamp(), r.body() + " ", r.signature()))
                .isFalse();
        JsonNode frame = room.kernel.codec().mapper().readTree(r.body());
        assertThat(frame.path("frame").asText()).isEqualTo("deliver");
        assertThat(frame.path("envelope").path("message_id").asText()).isEqualTo("m-1");
        assertThat(acks.getFirst().agentId()).isEqualTo("hooked");
    }

    @Test
    void a5xxIsRetriedAndAckedOnce() throws Exception {
        answers.add(500);
        send("m-2");
        waitFor(() -> acks.size() == 1);
        Thread.sleep(200);

        assertThat(received).hasSize(2);
        assertThat(received).extracting(Received::body).containsOnly(received.getFirst().body());
        assertThat(acks).hasSize(1);
        assertThat(room.kernel.bus().depth("hooked").processing()).isZero();
    }

    @Test
    void aRefusalIsNotRetried() throws Exception {
        answers.add(400);
        send("m-3");
        waitFor(() -> received.size() == 1);
        Thread.sleep(300);

        assertThat(received).hasSize(1);
        assertThat(acks).isEmpty();
        assertThat(room.kernel.bus().depth("hooked").processing()).isEqualTo(1);
    }

    private void send(String id) {
        assertThat(room.receive(TestRoom.envelope(id, "sender", "hooked", "collaboration_invite", "{\"x\":1}"))
                .outcome()).isEqualTo(SendResult.Outcome.ACCEPTED);
    }

    static void waitFor(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
