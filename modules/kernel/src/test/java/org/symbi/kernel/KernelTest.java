package org.symbi.kernel;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.kernel.bus.Delivery;
import org.symbi.kernel.bus.SendResult;
import org.symbi.kernel.events.KernelEvent;
import org.symbi.ledger.LedgerEntry;
import org.symbi.protocol.Ack;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.AgentStatus;
import org.symbi.protocol.AgentTrustReceipt;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.ErrorReport;
import org.symbi.protocol.MessageType;
import org.symbi.protocol.StatusReport;
import org.symbi.store.DataDir;
import org.symbi.store.Database;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class KernelTest {
    private static final AtomicInteger DB = new AtomicInteger();
    private final ManualClock clock = new ManualClock();
    private final Database db = Database.inMemory("kernel-" + DB.incrementAndGet());
    private Kernel kernel;

    @BeforeEach
    void open(@TempDir Path dir) {
        kernel = new Kernel(db, new DataDir(dir), KernelConfig.defaults(), clock);
    }

    @AfterEach
    void close() {
        kernel.close();
        db.close();
    }

    private SendResult send(Envelope e) {
        return kernel.receive(e).join();
    }

    private SendResult register(String agentId) {
        return send(Envelope.builder().fromAgent(agentId).toAgent(Envelope.ORCHESTRATOR).messageType(MessageType.REGISTER)
                .payload(kernel.codec().toPayload(AgentCard.of(agentId, "test", List.of("code")))).build());
    }

    private List<Delivery> attach(String agentId) {
        List<Delivery> got = new CopyOnWriteArrayList<>();
        kernel.bus().attach(agentId, got::add);
        return got;
    }

    private void heartbeat(String agentId) {
        send(Envelope.builder().fromAgent(agentId).toAgent(Envelope.ORCHESTRATOR).messageType(MessageType.HEARTBEAT)
                .payload(kernel.codec().toPayload(new StatusReport(AgentStatus.AVAILABLE, 0.2, 0, null, null))).build());
    }

    private Envelope.Builder invite(String from, String to) {
        return Envelope.builder().fromAgent(from).toAgent(to).messageType(MessageType.COLLABORATION_INVITE)
                .timestamp(clock.millis())
                .payload(JsonNodeFactory.instance.objectNode().put("task", "review"));
    }

    @Test
    void aTrustReceiptIsInTheLedgerCountersignedByItsAgentBeforeTheMessageIsTaken() throws Exception {
        register("coder-1");
        register("b");
        List<Delivery> toB = attach("b");
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        AgentTrustReceipt receipt = AgentTrustReceipt.sign("coder-1", keys, "review.requested", "pr-7", "success",
                JsonNodeFactory.instance.objectNode().put("diff_sha256", "0f"));

        SendResult r = send(invite("coder-1", "b").trustReceipt(kernel.codec().mapper().valueToTree(receipt)).build());

        assertThat(r.isAccepted()).isTrue();
        awaitDelivery(toB, MessageType.COLLABORATION_INVITE);
        assertThat(toB).hasSize(1);
        List<LedgerEntry> entries = kernel.ledger().entries(0, 10, "agent:coder-1", "review.requested", "pr-7");
        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.countersignature().agentId()).isEqualTo("coder-1");
            assertThat(e.countersignature().publicKey()).isEqualTo(receipt.publicKey());
            assertThat(e.payload().get("diff_sha256").asText()).isEqualTo("0f");
        });
        assertThat(kernel.ledger().verify(n -> { }).ok()).isTrue();
    }

    @Test
    void aTrustReceiptSignedForAnotherAgentOrContentIsRefusedAndNothingIsTaken() throws Exception {
        register("coder-1");
        register("b");
        List<Delivery> toB = attach("b");
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        AgentTrustReceipt asMallory = AgentTrustReceipt.sign("mallory", keys, "review.requested", "pr-7", "success", null);
        AgentTrustReceipt altered = new AgentTrustReceipt("review.requested", "pr-8", "success", null,
                asMallory.publicKey(), AgentTrustReceipt.sign("coder-1", keys, "review.requested", "pr-7", "success", null)
                .signature());
        long before = kernel.ledger().size();

        for (AgentTrustReceipt bad : List.of(asMallory, altered)) {
            SendResult r = send(invite("coder-1", "b").trustReceipt(kernel.codec().mapper().valueToTree(bad)).build());
            assertThat(r.code()).isEqualTo("invalid_value");
            assertThat(r.reason()).startsWith("trust_receipt: countersignature");
        }
        assertThat(kernel.ledger().size()).isEqualTo(before);
        assertThat(toB).isEmpty();
    }

    @Test
    void agentsRegisterThroughTheProtocolAndOnlyAsThemselves() {
        assertThat(register("coder-1").isAccepted()).isTrue();
        assertThat(kernel.registry().find("coder-1")).get().satisfies(v -> assertThat(v.status()).isEqualTo(AgentStatus.AVAILABLE));

        SendResult spoof = send(Envelope.builder().fromAgent("mallory").toAgent(Envelope.ORCHESTRATOR)
                .messageType(MessageType.REGISTER)
                .payload(kernel.codec().toPayload(AgentCard.of("coder-1", "test", List.of("code")))).build());
        assertThat(spoof.code()).isEqualTo("invalid_value");

        SendResult stranger = send(invite("nobody", "coder-1").build());
        assertThat(stranger.code()).isEqualTo("unknown_agent");
    }

    @Test
    void anAgentThatMissesHeartbeatsIsOfflineWithin15Seconds() {
        register("coder-1");
        List<KernelEvent.AgentStatusChanged> changes = new CopyOnWriteArrayList<>();
        kernel.events().subscribe(KernelEvent.AgentStatusChanged.class, changes::add);
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(5));
            heartbeat("coder-1");
            kernel.tick();
        }
        assertThat(kernel.registry().find("coder-1").orElseThrow().online()).isTrue();
        Duration silent = Duration.ZERO;
        while (kernel.registry().find("coder-1").orElseThrow().online()) {
            clock.advance(KernelConfig.defaults().tickInterval());
            silent = silent.plus(KernelConfig.defaults().tickInterval());
            kernel.tick();
        }
        assertThat(silent).isLessThanOrEqualTo(Duration.ofSeconds(15));
        assertThat(changes).last().satisfies(c -> assertThat(c.to()).isEqualTo(AgentStatus.OFFLINE));
    }

    @Test
    void messagesBeyondTheHopLimitOrRepeatingInACausalChainAreRefusedAndFlagged() {
        register("a");
        register("b");
        List<KernelEvent.GuardTripped> trips = new CopyOnWriteArrayList<>();
        kernel.events().subscribe(KernelEvent.GuardTripped.class, trips::add);

        SendResult tooFar = send(invite("a", "b").hopCount(17).build());
        assertThat(tooFar.code()).isEqualTo("hop_limit");

        Envelope origin = invite("a", "b").build();
        SendResult last = null;
        for (int i = 0; i < 9; i++) {
            last = send(origin.caused().fromAgent("a").toAgent("b").messageType(MessageType.COLLABORATION_INVITE).build());
        }
        assertThat(last.code()).isEqualTo("causal_loop");
        assertThat(trips).extracting(KernelEvent.GuardTripped::guard).containsExactly("hop_limit", "causal_loop");
    }

    @Test
    void aSenderOverItsRateIsRefused() {
        register("a");
        register("b");
        int perBurst = KernelConfig.defaults().ratePerSecond() / 10;
        long refused = 0;
        for (int i = 0; i < perBurst + 50; i++) {
            if ("rate_limited".equals(send(invite("a", "b").delivery(org.symbi.protocol.DeliveryClass.TRANSIENT).build()).code())) {
                refused++;
            }
        }
        assertThat(refused).isPositive();
    }

    @Test
    void anUnansweredRequestEndsInAnErrorReportToTheRequester() {
        register("a");
        register("b");
        List<Delivery> toA = attach("a");
        List<Delivery> toB = attach("b");

        Envelope answered = invite("a", "b").requiresResponse(true).build();
        send(answered);
        send(invite("b", "a").messageType(MessageType.TASK_RESPONSE).correlationId(answered.messageId()).build());

        Envelope ignored = invite("a", "b").requiresResponse(true).build();
        send(ignored);
        clock.advance(KernelConfig.defaults().responseTimeout().plusSeconds(1));
        heartbeat("a");
        heartbeat("b");
        kernel.tick();
        awaitDelivery(toA, MessageType.ERROR_REPORT);

        List<Envelope> errors = toA.stream().map(Delivery::envelope)
                .filter(e -> e.messageType() == MessageType.ERROR_REPORT).toList();
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.correlationId()).isEqualTo(ignored.messageId());
            assertThat(kernel.codec().payloadAs(e, ErrorReport.class).code()).isEqualTo("response_timeout");
        });
    }

    @Test
    void ackMessagesAcknowledgeManyDeliveriesAndRefuseStaleOnes() {
        register("a");
        register("b");
        List<Delivery> got = attach("b");
        for (int i = 0; i < 3; i++) {
            send(invite("a", "b").build());
        }
        List<String> ids = got.stream().map(d -> Long.toString(d.deliveryId())).toList();
        SendResult ack = send(Envelope.builder().fromAgent("b").toAgent(Envelope.ORCHESTRATOR).messageType(MessageType.ACK)
                .payload(kernel.codec().toPayload(new Ack(ids))).build());
        assertThat(ack.isAccepted()).isTrue();
        SendResult again = send(Envelope.builder().fromAgent("b").toAgent(Envelope.ORCHESTRATOR).messageType(MessageType.ACK)
                .payload(kernel.codec().toPayload(new Ack(ids.subList(0, 1)))).build());
        assertThat(again.code()).isEqualTo("stale_ack");
        assertThat(kernel.bus().depth("b").processing()).isZero();
    }

    @Test
    void aPreemptedLockHolderIsToldItLostTheLock() {
        register("a");
        register("b");
        List<Delivery> toA = attach("a");
        List<Delivery> toB = attach("b");
        send(lock("a", org.symbi.protocol.Priority.NORMAL));
        send(lock("b", org.symbi.protocol.Priority.CRITICAL));

        awaitDelivery(toA, MessageType.RESOURCE_RELEASE);
        Envelope notice = toA.stream().map(Delivery::envelope)
                .filter(e -> e.messageType() == MessageType.RESOURCE_RELEASE).findFirst().orElseThrow();
        assertThat(notice.payload().get("detail").asText()).startsWith("lock lost: preempted by b");
        awaitDelivery(toB, MessageType.RESOURCE_LOCK);
        assertThat(toB).extracting(Delivery::envelope)
                .filteredOn(e -> e.messageType() == MessageType.RESOURCE_LOCK)
                .singleElement().satisfies(e -> assertThat(e.payload().get("granted").asBoolean()).isTrue());
    }

    private Envelope lock(String agentId, org.symbi.protocol.Priority priority) {
        return Envelope.builder().fromAgent(agentId).toAgent(Envelope.ORCHESTRATOR).messageType(MessageType.RESOURCE_LOCK)
                .priority(priority)
                .payload(kernel.codec().toPayload(new org.symbi.protocol.LockRequest("repo:core/branch:main", 60_000L)))
                .build();
    }

    /** Durable notices reach the inbox once the writer has synced them. */
    private static void awaitDelivery(List<Delivery> inbox, MessageType type) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (inbox.stream().noneMatch(d -> d.envelope().messageType() == type) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    @Test
    void theKernelsStepsReachTheLedger() {
        register("coder-1");
        kernel.agentLost("coder-1");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<String> recorded = List.of();
        while (System.nanoTime() < deadline && recorded.size() < 2) {
            recorded = kernel.ledger().entries(0, 100).stream().filter(e -> e.subject().equals("coder-1"))
                    .map(e -> e.actor() + " " + e.action()).toList();
            Thread.onSpinWait();
        }
        assertThat(recorded).contains("agent:coder-1 agent.register", "system:orchestrator agent.offline");
        assertThat(kernel.ledger().verify(n -> { }).ok()).isTrue();
    }

    @Test
    void aFailedLedgerVerificationIsPublished() {
        List<KernelEvent.LedgerAuditFailed> failures = new CopyOnWriteArrayList<>();
        kernel.events().subscribe(KernelEvent.LedgerAuditFailed.class, failures::add);
        assertThat(kernel.verifyLedger(n -> { }).ok()).isTrue();
        assertThat(failures).isEmpty();

        db.inTransaction(c -> {
            try (var ps = c.prepareStatement("UPDATE ledger_entry SET actor = 'agent:mallory' WHERE seq = 0")) {
                return ps.executeUpdate();
            }
        });

        assertThat(kernel.verifyLedger(n -> { }).ok()).isFalse();
        assertThat(failures).singleElement().satisfies(f -> {
            assertThat(f.firstBadIndex()).isZero();
            assertThat(f.problem()).isNotBlank();
        });
    }

    @Test
    void aFailingEventSubscriberDoesNotDisturbTheOthers() {
        List<KernelEvent> seen = new CopyOnWriteArrayList<>();
        kernel.events().subscribe(e -> {
            throw new IllegalStateException("broken subscriber");
        });
        kernel.events().subscribe(seen::add);
        register("a");
        assertThat(seen).isNotEmpty();
        assertThat(kernel.events().subscriberFailures()).isPositive();
    }
}
