package org.symbi.gateway;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.symbi.gateway.GatewayFixture.envelope;

/** Each class of bad input gets its documented answer, and another agent's traffic goes on meanwhile. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayBadInputTest {
    private static final int RATE = 100;
    private static final int FLOOD_CLOSE_AFTER = 50;

    private final AtomicInteger seq = new AtomicInteger();
    private GatewayFixture room;
    private TestAgent bystander;
    private TestAgent peer;

    @BeforeAll
    void start(@TempDir Path tmp) throws IOException {
        room = new GatewayFixture(tmp, RATE, FLOOD_CLOSE_AFTER);
        bystander = room.register("bad-bystander");
        peer = room.register("bad-peer");
    }

    @AfterAll
    void stop() {
        bystander.close();
        peer.close();
        room.close();
    }

    /** The bystander's message reaches its peer: the bad connection disturbed nobody else. */
    @AfterEach
    void othersAreUnaffected() {
        String id = "calm-" + seq.incrementAndGet();
        bystander.send(envelope(id, "bad-bystander", "bad-peer", "collaboration_invite", "{}", ""));
        bystander.await("receipt", id, "accepted");
        peer.await("deliver", id);
    }

    private TestAgent offender() {
        return room.register("bad-" + seq.incrementAndGet());
    }

    private static void stillServes(TestAgent a, String agentId) {
        String id = "hb-" + agentId;
        a.send(envelope(id, agentId, "orchestrator", "heartbeat", "{\"status\":\"available\"}", ""));
        a.await("receipt", id, "accepted");
    }

    @Test
    void malformedJsonIsAnErrorAndTheConnectionStays() {
        String agentId = "bad-json";
        try (TestAgent a = room.register(agentId)) {
            a.send("{\"message_id\": tru");
            a.await("\"frame\":\"error\"", "malformed_json");
            a.send("[1,2]");
            a.await("\"frame\":\"error\"", "wrong_type");
            stillServes(a, agentId);
        }
    }

    @Test
    void anUnknownTypeOrAMissingFieldIsAnErrorAndTheConnectionStays() {
        String agentId = "bad-fields";
        try (TestAgent a = room.register(agentId)) {
            a.send(envelope("gossip-1", agentId, "orchestrator", "gossip", "{}", ""));
            a.await("\"frame\":\"error\"", "unknown_message_type");
            a.send("{\"message_id\":\"m-x\",\"from_agent\":\"" + agentId + "\",\"message_type\":\"heartbeat\"}");
            a.await("\"frame\":\"error\"", "missing_field", "to_agent");
            stillServes(a, agentId);
        }
    }

    @Test
    void anOversizedFrameIsAnErrorThenClose1009() {
        try (TestAgent a = offender()) {
            String big = "x".repeat(200_000);
            StringBuilder payload = new StringBuilder("{");
            for (int i = 0; i < 6; i++) {
                payload.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"").append(big).append('"');
            }
            a.send(envelope("big-1", "bad-x", "orchestrator", "collaboration_invite", payload.append('}').toString(), ""));
            a.await("\"frame\":\"error\"", "too_large");
            assertThat(a.awaitClose()).isEqualTo(CloseCodes.TOO_BIG);
        }
    }

    @Test
    void aTooDeepFrameIsAnErrorThenClose1009() {
        try (TestAgent a = offender()) {
            String deep = "{\"a\":".repeat(40) + "1" + "}".repeat(40);
            a.send(envelope("deep-1", "bad-x", "orchestrator", "collaboration_invite", deep, ""));
            a.await("\"frame\":\"error\"", "too_deep");
            assertThat(a.awaitClose()).isEqualTo(CloseCodes.TOO_BIG);
        }
    }

    @Test
    void aBinaryFrameClosesWith1003() {
        try (TestAgent a = offender()) {
            a.sendBinary(new byte[]{1, 2, 3});
            assertThat(a.awaitClose()).isEqualTo(CloseCodes.UNSUPPORTED_DATA);
        }
    }

    @Test
    void aFloodIsRateLimitedThenClosedWith1008() {
        String agentId = "bad-flood";
        try (TestAgent a = room.register(agentId)) {
            String frame = envelope("flood", agentId, "orchestrator", "heartbeat", "{\"status\":\"busy\"}", "");
            for (int i = 0; i < RATE * 4 && a.isOpen(); i++) {
                try {
                    a.send(frame);
                } catch (RuntimeException closedWhileSending) {
                    break;
                }
            }
            a.await("\"frame\":\"error\"", "rate_limited");
            // A client still writing when the close arrives may see the connection break (-1) before it
            // reads the close frame; either way the room has ended the session.
            assertThat(a.awaitClose()).isIn(CloseCodes.POLICY_VIOLATION, -1);
            long deadline = System.nanoTime() + TestAgent.WAIT.toNanos();
            while (room.gateway.connectedAgents().contains(agentId) && System.nanoTime() < deadline) {
                Thread.onSpinWait(); // the room's side of the close runs on its own thread
            }
            assertThat(room.gateway.connectedAgents()).doesNotContain(agentId);
        }
    }
}
