package org.symbi.sdk;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.MessageType;
import org.symbi.protocol.WarrantDecision;
import org.symbi.protocol.WarrantStatus;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

class PartsTest {

    @Test
    void seenMessagesRecognisesRepeatsAndForgetsTheOldestBeyondCapacity() {
        SeenMessages seen = new SeenMessages(3);
        assertThat(seen.firstTime("a")).isTrue();
        assertThat(seen.firstTime("a")).isFalse();
        seen.firstTime("b");
        seen.firstTime("c");
        seen.firstTime("d");
        assertThat(seen.size()).isEqualTo(3);
        assertThat(seen.firstTime("d")).isFalse();
        assertThat(seen.firstTime("a")).as("forgotten, so new again").isTrue();
    }

    @Test
    void acksGoOutWhenTheBatchIsFullOrTheDelayHasPassed() throws InterruptedException {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        List<List<String>> sent = new CopyOnWriteArrayList<>();
        AckBatcher acks = new AckBatcher(3, Duration.ofMillis(50), timer, sent::add);
        acks.add("1");
        acks.add("2");
        acks.add("3");
        assertThat(sent).containsExactly(List.of("1", "2", "3"));
        acks.add("4");
        assertThat(sent).hasSize(1);
        Eventually.await(Duration.ofSeconds(2), () -> sent.size() == 2);
        assertThat(sent.get(1)).containsExactly("4");
        acks.add("5");
        acks.discard();
        acks.flush();
        assertThat(sent).as("discarded ids are stale after a reconnect").hasSize(2);
        timer.shutdownNow();
    }

    @Test
    void backoffDoublesUpToItsCapWithJitterInTheUpperHalf() {
        AgentOptions o = AgentOptions.defaults().withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1));
        assertThat(o.backoff(0, 1.0)).isEqualTo(Duration.ofMillis(100));
        assertThat(o.backoff(0, 0.0)).isEqualTo(Duration.ofMillis(50));
        assertThat(o.backoff(2, 1.0)).isEqualTo(Duration.ofMillis(400));
        assertThat(o.backoff(10, 1.0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(o.backoff(100, 0.0)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aPendingWarrantWaitsForTheLaterDecisionNamingItsApprovalRequest() {
        WarrantWaiter waiter = new WarrantWaiter(Runnable::run);
        CompletableFuture<WarrantDecision> f = new CompletableFuture<>();
        waiter.expect("req-1", f);
        String hash = "a".repeat(64);
        assertThat(waiter.offer(decisionMessage("req-1"), new WarrantDecision(WarrantStatus.PENDING, hash, null,
                "ap-1", "0 of 1", null))).isTrue();
        assertThat(f).isNotDone();
        assertThat(waiter.offer(decisionMessage(null), new WarrantDecision(WarrantStatus.ALLOWED, hash, "w-1",
                "ap-2", "1 of 1", null))).as("another approval request").isFalse();
        assertThat(waiter.offer(decisionMessage(null), new WarrantDecision(WarrantStatus.ALLOWED, hash, "w-1",
                "ap-1", "1 of 1", null))).isTrue();
        assertThat(f.join().warrantId()).isEqualTo("w-1");
    }

    @Test
    void twoRequestsWaitingForOneApprovalBothGetItsDecision() {
        WarrantWaiter waiter = new WarrantWaiter(Runnable::run);
        CompletableFuture<WarrantDecision> first = new CompletableFuture<>();
        CompletableFuture<WarrantDecision> second = new CompletableFuture<>();
        waiter.expect("req-1", first);
        waiter.expect("req-2", second);
        String hash = "b".repeat(64);
        WarrantDecision pending = new WarrantDecision(WarrantStatus.PENDING, hash, null, "ap-1", "0 of 1", null);
        waiter.offer(decisionMessage("req-1"), pending);
        waiter.offer(decisionMessage("req-2"), pending);
        assertThat(waiter.offer(decisionMessage(null), new WarrantDecision(WarrantStatus.DENIED, hash, null,
                "ap-1", "0 of 1", "the approvers denied it"))).isTrue();
        assertThat(first.join().status()).isEqualTo(WarrantStatus.DENIED);
        assertThat(second.join().status()).isEqualTo(WarrantStatus.DENIED);
    }

    @Test
    void aDecisionThatComesBeforeThePendingAnswerCompletesTheRequestWhenThatAnswerComes() {
        WarrantWaiter waiter = new WarrantWaiter(Runnable::run);
        CompletableFuture<WarrantDecision> f = new CompletableFuture<>();
        waiter.expect("req-1", f);
        String hash = "c".repeat(64);
        assertThat(waiter.offer(decisionMessage(null), new WarrantDecision(WarrantStatus.ALLOWED, hash, "w-1",
                "ap-1", "1 of 1", null))).as("held: the request still waits for its first answer").isTrue();
        assertThat(f).isNotDone();
        assertThat(waiter.offer(decisionMessage("req-1"), new WarrantDecision(WarrantStatus.PENDING, hash, null,
                "ap-1", "0 of 1", null))).isTrue();
        assertThat(f.join().status()).isEqualTo(WarrantStatus.ALLOWED);
        assertThat(f.join().warrantId()).isEqualTo("w-1");
    }

    @Test
    void aPendingAnswerNamingAnApprovalAlreadyDecidedCompletesWithThatDecision() {
        WarrantWaiter waiter = new WarrantWaiter(Runnable::run);
        CompletableFuture<WarrantDecision> earlier = new CompletableFuture<>();
        waiter.expect("req-1", earlier);
        String hash = "d".repeat(64);
        WarrantDecision pending = new WarrantDecision(WarrantStatus.PENDING, hash, null, "ap-1", "0 of 1", null);
        waiter.offer(decisionMessage("req-1"), pending);
        waiter.offer(decisionMessage(null), new WarrantDecision(WarrantStatus.DENIED, hash, null, "ap-1", "0 of 1",
                "the approvers denied it"));
        assertThat(earlier.join().status()).isEqualTo(WarrantStatus.DENIED);

        CompletableFuture<WarrantDecision> again = new CompletableFuture<>();
        waiter.expect("req-2", again);
        assertThat(waiter.offer(decisionMessage("req-2"), pending)).isTrue();
        assertThat(again.join().status()).isEqualTo(WarrantStatus.DENIED);
    }

    @Test
    void aDecisionNoRequestCanWaitForIsLeftToTheHandler() {
        WarrantWaiter waiter = new WarrantWaiter(Runnable::run);
        assertThat(waiter.offer(decisionMessage(null), new WarrantDecision(WarrantStatus.ALLOWED, "e".repeat(64),
                "w-1", "ap-9", "1 of 1", null))).isFalse();
    }

    @Test
    void tokensAreRenewedNextToTheSocketAndReadForTheirLifetime() {
        assertThat(RenewingTokens.renewUri(java.net.URI.create("wss://room.example:8443/ws")))
                .hasToString("https://room.example:8443/api/agents/token");
        assertThat(RenewingTokens.renewUri(java.net.URI.create("ws://127.0.0.1:8765/ws")))
                .hasToString("http://127.0.0.1:8765/api/agents/token");
        assertThat(RenewingTokens.renewUri(java.net.URI.create("https://room.example:8443")))
                .hasToString("https://room.example:8443/api/agents/token");
        String claims = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"iat\":1000,\"exp\":1900}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String jwt = "e30." + claims + ".sig";
        assertThat(RenewingTokens.issuedAtMillis(jwt)).isEqualTo(1_000_000);
        assertThat(RenewingTokens.expiresAtMillis(jwt)).isEqualTo(1_900_000);
        assertThat(RenewingTokens.expiresAtMillis("not a token")).isZero();
    }

    private static Envelope decisionMessage(String correlationId) {
        return Envelope.builder().fromAgent(Envelope.ORCHESTRATOR).toAgent("a-1")
                .messageType(MessageType.WARRANT_DECISION).correlationId(correlationId)
                .payload(JsonNodeFactory.instance.objectNode()).build();
    }
}
