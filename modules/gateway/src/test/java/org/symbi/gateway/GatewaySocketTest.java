package org.symbi.gateway;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.protocol.ProtocolCodec;
import org.symbi.protocol.RoomFrame;
import org.symbi.protocol.TaskStatus;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.symbi.gateway.GatewayFixture.envelope;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewaySocketTest {
    private final ProtocolCodec codec = new ProtocolCodec();
    private GatewayFixture room;

    @BeforeAll
    void start(@TempDir Path tmp) throws IOException {
        room = new GatewayFixture(tmp, 0, 200);
    }

    @AfterAll
    void stop() {
        room.close();
    }

    @Test
    void anAgentRegistersOverTheSocket() {
        try (TestAgent a = room.register("ws-reg-1", "java")) {
            assertThat(room.kernel.registry().isKnown("ws-reg-1")).isTrue();
            assertThat(room.gateway.connectedAgents()).contains("ws-reg-1");
        }
    }

    @Test
    void aTaskCreatedOverRestIsDeliveredAnsweredAndCompleted() {
        try (TestAgent coder = room.register("ws-task-1", "cap-roundtrip")) {
            String token = room.token("ws-task-admin");
            var created = room.post("/api/agents/tasks", token,
                    "{\"task_id\":\"t-round\",\"title\":\"Round trip\",\"required_capabilities\":[\"cap-roundtrip\"]}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

            RoomFrame.Deliver d = (RoomFrame.Deliver) codec.decodeFrame(coder.await("deliver", "task_request", "t-round"));
            long epoch = d.envelope().payload().get("epoch").longValue();
            coder.send(envelope("ack-round", "ws-task-1", "orchestrator", "ack",
                    "{\"delivery_ids\":[\"" + d.deliveryId() + "\"]}", ""));
            coder.await("receipt", "ack-round", "accepted");
            coder.send(envelope("res-round", "ws-task-1", "orchestrator", "task_response",
                    "{\"task_id\":\"t-round\",\"epoch\":" + epoch + ",\"outcome\":\"success\",\"result\":{\"ok\":true}}",
                    ",\"correlation_id\":\"" + d.envelope().messageId() + "\""));
            coder.await("receipt", "res-round", "accepted");
            assertThat(room.kernel.tasks().find("t-round").orElseThrow().status()).isEqualTo(TaskStatus.COMPLETED);
        }
    }

    @Test
    void theResultOfAnAssignmentTakenBackMeanwhileIsRefusedAndTheCurrentOneIsTaken() {
        String token = room.token("ws-stale-admin");
        long firstEpoch;
        try (TestAgent coder = room.register("ws-stale-1", "cap-stale")) {
            room.post("/api/agents/tasks", token,
                    "{\"task_id\":\"t-stale\",\"title\":\"Stale\",\"required_capabilities\":[\"cap-stale\"]}");
            RoomFrame.Deliver first = (RoomFrame.Deliver) codec.decodeFrame(coder.await("deliver", "task_request", "t-stale"));
            firstEpoch = first.envelope().payload().get("epoch").longValue();
            // The agent goes away: its task goes back to be routed again.
            coder.send(envelope("stale-bye", "ws-stale-1", "orchestrator", "heartbeat", "{\"status\":\"offline\"}", ""));
            coder.await("receipt", "stale-bye", "accepted");
        }
        try (TestAgent coder = room.connect("ws-stale-1", "cap-stale")) {
            coder.send(envelope("stale-hb", "ws-stale-1", "orchestrator", "heartbeat", "{\"status\":\"available\"}", ""));
            coder.await("receipt", "stale-hb", "accepted");
            RoomFrame.Deliver second = (RoomFrame.Deliver) codec.decodeFrame(
                    coder.await("deliver", "task_request", "t-stale", "\"epoch\":" + (firstEpoch + 1)));

            coder.send(envelope("stale-old", "ws-stale-1", "orchestrator", "task_response",
                    "{\"task_id\":\"t-stale\",\"epoch\":" + firstEpoch + ",\"outcome\":\"success\"}", ""));
            assertThat(coder.await("receipt", "stale-old", "refused")).contains("\"code\":\"stale_result\"");
            assertThat(room.kernel.tasks().find("t-stale").orElseThrow().status()).isNotEqualTo(TaskStatus.COMPLETED);

            String current = "{\"task_id\":\"t-stale\",\"epoch\":" + second.envelope().payload().get("epoch").longValue()
                    + ",\"outcome\":\"success\"}";
            coder.send(envelope("stale-new", "ws-stale-1", "orchestrator", "task_response", current, ""));
            coder.await("receipt", "stale-new", "accepted");
            assertThat(room.kernel.tasks().find("t-stale").orElseThrow().status()).isEqualTo(TaskStatus.COMPLETED);
            // The same result again under a new message id was applied already: taken, and nothing changes.
            coder.send(envelope("stale-again", "ws-stale-1", "orchestrator", "task_response", current, ""));
            coder.await("receipt", "stale-again", "accepted");
        }
    }

    @Test
    void aBroadcastReachesEveryOtherAgent() {
        try (TestAgent a = room.register("ws-bc-a"); TestAgent b = room.register("ws-bc-b");
             TestAgent c = room.register("ws-bc-c")) {
            a.send(envelope("bc-1", "ws-bc-a", "*", "collaboration_invite", "{\"topic\":\"x\"}", ""));
            a.await("receipt", "bc-1", "accepted");
            b.await("deliver", "bc-1");
            c.await("deliver", "bc-1");
        }
    }

    @Test
    void aRequestIsAnsweredByCorrelationId() {
        try (TestAgent asker = room.register("ws-rr-a"); TestAgent answerer = room.register("ws-rr-b")) {
            asker.send(envelope("rr-q", "ws-rr-a", "ws-rr-b", "collaboration_invite", "{\"q\":1}",
                    ",\"requires_response\":true"));
            asker.await("receipt", "rr-q", "accepted");
            answerer.await("deliver", "rr-q");
            answerer.send(envelope("rr-a", "ws-rr-b", "ws-rr-a", "collaboration_invite", "{\"a\":2}",
                    ",\"correlation_id\":\"rr-q\""));
            answerer.await("receipt", "rr-a", "accepted");
            asker.await("deliver", "rr-a", "\"correlation_id\":\"rr-q\"");
        }
    }

    @Test
    void theReceiptOfATransientQuestionLeavesWithTheAnswerOrSoonWithoutOne() {
        try (TestAgent asker = room.register("ws-held-a"); TestAgent answerer = room.register("ws-held-b")) {
            asker.send(envelope("held-q", "ws-held-a", "ws-held-b", "collaboration_invite", "{\"q\":1}",
                    ",\"delivery\":\"transient\""));
            answerer.await("deliver", "held-q");
            answerer.send(envelope("held-a", "ws-held-b", "ws-held-a", "collaboration_invite", "{\"a\":2}",
                    ",\"delivery\":\"transient\",\"correlation_id\":\"held-q\""));
            asker.await("deliver", "held-a");
            // held until the answer went out, usually in the same write; the room's thread that holds it may
            // also come to it only after the answer was queued, so its order against the answer is not promised
            asker.await("receipt", "held-q", "accepted");
            // nothing else goes to the answerer: its receipt goes out alone
            answerer.await("receipt", "held-a", "accepted");
        }
    }

    @Test
    void aWarrantRequestIsReceiptedAndDecided() {
        try (TestAgent a = room.register("ws-warrant")) {
            a.send(envelope("wr-1", "ws-warrant", "orchestrator", "warrant_request",
                    "{\"action\":{\"kind\":\"git.push\",\"args\":{\"repository\":\"demo\",\"branch\":\"main\"}},"
                            + "\"reasoning\":\"ship it\"}", ""));
            a.await("receipt", "wr-1");
            String decision = a.await("deliver", "warrant_decision", "\"correlation_id\":\"wr-1\"");
            assertThat(decision).contains("binding_hash");
        }
    }

    @Test
    void unackedDeliveriesComeBackAfterAReconnect() {
        try (TestAgent sender = room.register("ws-resume-s")) {
            TestAgent receiver = room.register("ws-resume-r");
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String id = "resume-" + i;
                ids.add(id);
                sender.send(envelope(id, "ws-resume-s", "ws-resume-r", "collaboration_invite", "{\"n\":" + i + "}", ""));
                sender.await("receipt", id, "accepted");
            }
            ids.forEach(id -> receiver.await("deliver", id));
            receiver.kill();

            try (TestAgent again = room.connect("ws-resume-r")) {
                List<String> acks = new ArrayList<>();
                for (String id : ids) {
                    RoomFrame.Deliver d = (RoomFrame.Deliver) codec.decodeFrame(again.await("deliver", id));
                    acks.add(d.deliveryId());
                }
                again.send(envelope("resume-ack", "ws-resume-r", "orchestrator", "ack",
                        "{\"delivery_ids\":" + GatewayFixture.json(acks) + "}", ""));
                again.await("receipt", "resume-ack", "accepted");
            }
        }
    }

    @Test
    void aConnectionCutMidStreamLosesNothing() throws Exception {
        int count = 200;
        try (TestAgent sender = room.register("ws-cut-s"); TestAgent receiver = room.register("ws-cut-r")) {
            Thread sending = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < count; i++) {
                    sender.send(envelope("cut-" + i, "ws-cut-s", "ws-cut-r", "collaboration_invite",
                            "{\"n\":" + i + "}", ""));
                }
            });
            receiver.await("deliver", "\"message_id\":\"cut-20\"");
            receiver.kill(); // while the sender is still sending

            try (TestAgent again = room.connect("ws-cut-r")) {
                sending.join();
                for (int i = 0; i < count; i++) {
                    sender.await("receipt", "\"message_id\":\"cut-" + i + "\"", "accepted");
                }
                List<String> acks = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    String frame = again.await("deliver", "\"message_id\":\"cut-" + i + "\"");
                    acks.add(((RoomFrame.Deliver) codec.decodeFrame(frame)).deliveryId());
                }
                again.send(envelope("cut-ack", "ws-cut-r", "orchestrator", "ack",
                        "{\"delivery_ids\":" + GatewayFixture.json(acks) + "}", ""));
                again.await("receipt", "cut-ack", "accepted");
                assertThat(room.kernel.bus().depth("ws-cut-r").processing()).isZero();
            }
        }
    }

    @Test
    void aSecondConnectionReplacesTheFirst() {
        try (TestAgent first = room.register("ws-twice"); TestAgent second = room.connect("ws-twice")) {
            assertThat(first.awaitClose()).isEqualTo(CloseCodes.REPLACED);
            second.send(envelope("twice-hb", "ws-twice", "orchestrator", "heartbeat", "{\"status\":\"available\"}", ""));
            second.await("receipt", "twice-hb", "accepted");
        }
    }

    @Test
    void forgedExpiredReplayedAndMissingTokensAreRefused() {
        String good = room.token("ws-auth");
        String forged = good.substring(0, good.length() - 4) + (good.endsWith("AAAA") ? "BBBB" : "AAAA");
        String expired = room.tokens(InstantSource.fixed(Instant.now().minusSeconds(3600)))
                .issue("ws-auth", Set.of(), Set.of());
        for (String token : new String[]{forged, expired, null}) {
            try (TestAgent refused = TestAgent.connect(room.http, room.gateway.address(), token)) {
                assertThat(refused.awaitClose()).isEqualTo(CloseCodes.UNAUTHORIZED);
            }
        }
        try (TestAgent ok = TestAgent.connect(room.http, room.gateway.address(), good)) {
            ok.await("welcome");
        }
        try (TestAgent replay = TestAgent.connect(room.http, room.gateway.address(), good)) {
            assertThat(replay.awaitClose()).isEqualTo(CloseCodes.UNAUTHORIZED);
        }
        try (TestAgent viaQuery = TestAgent.connect(room.http, room.gateway.address() + "?token="
                + room.token("ws-auth"), null)) {
            viaQuery.await("welcome", "ws-auth");
        }
    }

    @Test
    void aSpoofedSenderAndAnUngrantedCapabilityAreRefused() {
        try (TestAgent a = room.register("ws-spoof", "java")) {
            a.send(envelope("spoof-1", "someone-else", "orchestrator", "heartbeat", "{\"status\":\"busy\"}", ""));
            a.await("receipt", "spoof-1", "refused", "spoofed_sender");
            a.send(envelope("spoof-2", "ws-spoof", "orchestrator", "register",
                    "{\"agent_id\":\"ws-spoof\",\"agent_type\":\"t\",\"capabilities\":[\"deploy\"]}", ""));
            a.await("receipt", "spoof-2", "refused", "capability_denied");
            assertThat(a.isOpen()).isTrue();
        }
    }
}
