package org.symbi.sdk;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.symbi.governance.ApprovalRequest;
import org.symbi.governance.GovernanceListener;
import org.symbi.governance.Verdict;
import org.symbi.governance.Warrant;
import org.symbi.governance.WarrantScope;
import org.symbi.governance.WarrantTerms;
import org.symbi.kernel.Kernel;
import org.symbi.kernel.events.EventStream;
import org.symbi.kernel.events.KernelEvent;
import org.symbi.ledger.LedgerEntry;
import org.symbi.protocol.ActionSpec;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.RoomFrame;
import org.symbi.protocol.TaskOutcome;
import org.symbi.protocol.WarrantDecision;
import org.symbi.protocol.WarrantStatus;

import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A merge to main needs a person's approval under the room's policy: the agent asks for a warrant through
 * this client, the room's governance makes the request pending, a person decides with the local approver,
 * and the agent's waiting request completes with that decision. Over both transports.
 */
class WarrantFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ActionSpec MERGE = new ActionSpec("git.merge", JsonNodeFactory.instance.objectNode()
            .put("repository", "symbi-core").put("branch", "main").put("source", "feature/fib"));

    @TempDir
    Path tmp;
    private LiveRoom room;
    private AgentClient client;
    private Warrant warrant;
    private ApprovalRequest pending;
    private AgentOptions options = AgentOptions.defaults();

    @BeforeEach
    void start() throws Exception {
        room = new LiveRoom(tmp);
        warrant = room.kernel().governance().issueWarrant("coder-1", new WarrantTerms(
                WarrantScope.kinds("git.merge").repositories("symbi-core").branches("main"),
                Instant.now().plus(Duration.ofHours(1)), 5, 0, Set.of()), Kernel.LOCAL_APPROVER);
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        room.close();
    }

    private void connect(String transport) throws Exception {
        client = AgentClient.connect(transport.equals("websocket") ? room.uri() : room.httpUri(),
                room.token("coder-1", "git"), AgentCard.of("coder-1", "coder", List.of("git")),
                (c, task, request) -> c.failTask(task, "this agent only merges"), options);
        room.awaitOnline("coder-1", WAIT);
    }

    /**
     * Asks for the warrant, waits until the room shows the request to the approvers (the agent still
     * waiting), then has the person at the room decide with the local approver's key.
     */
    private WarrantDecision askAndDecide(String transport, Verdict verdict, String reason) throws Exception {
        connect(transport);
        CompletableFuture<WarrantDecision> decision = client.requestWarrant(MERGE, "the tests pass on the branch", null);
        Eventually.await(WAIT, () -> !room.kernel().governance().approvals().pending().isEmpty());
        pending = room.kernel().governance().approvals().pending().getFirst();
        assertThat(pending.agentId()).isEqualTo("coder-1");
        assertThat(pending.kind()).isEqualTo("git.merge");
        assertThat(pending.reasoning()).isEqualTo("the tests pass on the branch");
        Thread.sleep(200); // time for a wrong completion with the pending answer to show
        assertThat(decision).isNotDone();

        room.kernel().governance().approvals().decideLocally(pending.id(), Kernel.LOCAL_APPROVER, verdict, reason);
        WarrantDecision decided = decision.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(decided.requestId()).isEqualTo(pending.id());
        return decided;
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "long-poll"})
    void anApprovedRequestIsAllowedAndTheActionIsReportedUnderTheWarrant(String transport) throws Exception {
        WarrantDecision allowed = askAndDecide(transport, Verdict.APPROVE, "reviewed the diff");
        assertThat(allowed.status()).isEqualTo(WarrantStatus.ALLOWED);
        assertThat(allowed.warrantId()).isEqualTo(warrant.id());
        assertThat(allowed.quorum()).isEqualTo("1 of 1");
        RoomFrame.Receipt report = client.reportAction(allowed, MERGE, TaskOutcome.SUCCESS,
                JsonNodeFactory.instance.objectNode().put("commit", "abc123")).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(report.outcome()).isEqualTo(RoomFrame.Outcome.ACCEPTED);
        Eventually.await(WAIT, () -> room.kernel().ledger().entries(0, 1000).stream()
                .anyMatch(e -> e.action().equals("warrant.execute") && e.subject().equals(warrant.id())
                        && e.outcome().equals("success")));
        assertThat(room.kernel().ledger().entries(0, 1000)).extracting(LedgerEntry::action)
                .contains("approval.approve", "warrant.use");
    }

    @Test
    void anAgentWithAKeyVouchesForTheActionItRanInTheLedger() throws Exception {
        options = AgentOptions.defaults().withSigningKey(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        WarrantDecision allowed = askAndDecide("websocket", Verdict.APPROVE, "reviewed the diff");
        client.reportAction(allowed, MERGE, TaskOutcome.SUCCESS, JsonNodeFactory.instance.objectNode()
                .put("commit", "abc123")).get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(room.kernel().ledger().entries(0, 1000, "agent:coder-1", "git.merge", warrant.id()))
                .singleElement().satisfies(e -> {
                    assertThat(e.outcome()).isEqualTo("success");
                    assertThat(e.payload().get("binding_hash").asText()).isEqualTo(allowed.bindingHash());
                    assertThat(e.countersignature()).isNotNull();
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "long-poll"})
    void aDeniedRequestIsDeniedWithTheApproversWord(String transport) throws Exception {
        WarrantDecision denied = askAndDecide(transport, Verdict.DENY, "not before the release");
        assertThat(denied.status()).isEqualTo(WarrantStatus.DENIED);
        assertThat(denied.reason()).contains("denied");
        assertThat(room.kernel().governance().approvals().decisions(pending.id())).singleElement()
                .satisfies(d -> assertThat(d.reason()).isEqualTo("not before the release"));
    }

    /**
     * An approver who decides the moment the request is made: the final decision reaches the agent before
     * the pending answer to its request (the room holds that answer back until the decision was delivered),
     * and the agent still gets it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"websocket", "long-poll"})
    void aDecisionDeliveredBeforeThePendingAnswerIsNotLost(String transport) throws Exception {
        CountDownLatch decisionDelivered = new CountDownLatch(1);
        AtomicReference<String> decidedRequest = new AtomicReference<>();
        try (EventStream.Subscription deliveries = room.kernel().events().subscribe(KernelEvent.MessageDelivered.class,
                d -> {
                    if (d.agentId().equals("coder-1")) {
                        decisionDelivered.countDown();
                    }
                })) {
            room.kernel().governance().addListener(new GovernanceListener() {
                @Override
                public void approvalRequested(ApprovalRequest r) {
                    room.kernel().governance().approvals().decideLocally(r.id(), Kernel.LOCAL_APPROVER,
                            Verdict.APPROVE, "approved on sight");
                    decidedRequest.set(r.id());
                    try {
                        decisionDelivered.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            connect(transport);

            WarrantDecision decided = client.requestWarrant(MERGE, "the tests pass on the branch", null)
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(decisionDelivered.getCount()).as("the decision went out before the pending answer").isZero();
            assertThat(decided.status()).isEqualTo(WarrantStatus.ALLOWED);
            assertThat(decided.requestId()).isEqualTo(decidedRequest.get());
            assertThat(decided.warrantId()).isEqualTo(warrant.id());
        }
    }
}
