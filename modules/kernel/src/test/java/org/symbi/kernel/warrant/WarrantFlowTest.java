package org.symbi.kernel.warrant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.governance.Verdict;
import org.symbi.governance.Warrant;
import org.symbi.governance.WarrantScope;
import org.symbi.governance.WarrantTerms;
import org.symbi.kernel.Kernel;
import org.symbi.kernel.KernelConfig;
import org.symbi.kernel.ManualClock;
import org.symbi.kernel.bus.Delivery;
import org.symbi.kernel.bus.SendResult;
import org.symbi.kernel.events.KernelEvent;
import org.symbi.ledger.LedgerEntry;
import org.symbi.protocol.ActionReport;
import org.symbi.protocol.ActionSpec;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.MessageType;
import org.symbi.protocol.TaskOutcome;
import org.symbi.protocol.TaskSpec;
import org.symbi.protocol.WarrantDecision;
import org.symbi.protocol.WarrantRequest;
import org.symbi.protocol.WarrantStatus;
import org.symbi.store.DataDir;
import org.symbi.store.Database;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A merge to main, from an agent's warrant request through the local approver's signature to the report. */
class WarrantFlowTest {
    private static final AtomicInteger DB = new AtomicInteger();
    private final ManualClock clock = new ManualClock();
    private final Database db = Database.inMemory("warrants-" + DB.incrementAndGet());
    private Kernel kernel;
    private final List<Delivery> toCoder = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open(@TempDir Path dir) {
        kernel = new Kernel(db, new DataDir(dir), KernelConfig.defaults(), clock);
        send(Envelope.builder().fromAgent("coder-1").toAgent(Envelope.ORCHESTRATOR).messageType(MessageType.REGISTER)
                .payload(kernel.codec().toPayload(AgentCard.of("coder-1", "coder", List.of("git")))).build());
        kernel.bus().attach("coder-1", toCoder::add);
    }

    @AfterEach
    void close() {
        kernel.close();
        db.close();
    }

    private SendResult send(Envelope e) {
        return kernel.receive(e).join();
    }

    private static JsonNode mergeArgs(String branch) {
        return JsonNodeFactory.instance.objectNode().put("repository", "symbi-core").put("branch", branch)
                .put("source", "feature/fib");
    }

    private WarrantDecision lastDecision() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            List<Envelope> decisions = toCoder.stream().map(Delivery::envelope)
                    .filter(e -> e.messageType() == MessageType.WARRANT_DECISION).toList();
            if (!decisions.isEmpty()) {
                return kernel.codec().payloadAs(decisions.getLast(), WarrantDecision.class);
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no warrant_decision arrived");
    }

    private void awaitDecisions(int n) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (toCoder.stream().filter(d -> d.envelope().messageType() == MessageType.WARRANT_DECISION).count() < n
                && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    @Test
    void aMergeToMainWaitsForTheApproverThenRunsExactlyAsApproved() {
        Warrant warrant = kernel.governance().issueWarrant("coder-1", new WarrantTerms(
                WarrantScope.kinds("git.merge").repositories("symbi-core").branches("main"),
                clock.instant().plus(Duration.ofHours(1)), 5, 0, Set.of()), "local");
        List<KernelEvent> approvals = new CopyOnWriteArrayList<>();
        kernel.events().subscribe(e -> {
            if (e instanceof KernelEvent.ApprovalRequested || e instanceof KernelEvent.ApprovalSigned
                    || e instanceof KernelEvent.ApprovalSettled) {
                approvals.add(e);
            }
        });

        ActionSpec merge = new ActionSpec("git.merge", mergeArgs("main"));
        SendResult asked = send(Envelope.builder().fromAgent("coder-1").toAgent(Envelope.ORCHESTRATOR)
                .messageType(MessageType.WARRANT_REQUEST)
                .payload(kernel.codec().toPayload(new WarrantRequest(merge, warrant.id(), "t-1", "review passed")))
                .build());
        assertThat(asked.isAccepted()).isTrue();
        WarrantDecision pending = lastDecision();
        assertThat(pending.status()).isEqualTo(WarrantStatus.PENDING);
        assertThat(pending.quorum()).isEqualTo("0 of 1");

        kernel.governance().approvals().decideLocally(pending.requestId(), Kernel.LOCAL_APPROVER, Verdict.APPROVE, "looks right");
        awaitDecisions(2);
        WarrantDecision allowed = lastDecision();
        assertThat(allowed.status()).isEqualTo(WarrantStatus.ALLOWED);
        assertThat(allowed.bindingHash()).isEqualTo(pending.bindingHash());
        assertThat(allowed.requestId()).isEqualTo(pending.requestId());
        assertThat(allowed.quorum()).isEqualTo("1 of 1");
        assertThat(approvals).hasAtLeastOneElementOfType(KernelEvent.ApprovalRequested.class)
                .hasAtLeastOneElementOfType(KernelEvent.ApprovalSigned.class)
                .hasAtLeastOneElementOfType(KernelEvent.ApprovalSettled.class);

        ActionSpec tampered = new ActionSpec("git.merge", mergeArgs("release"));
        SendResult forged = send(report(allowed.warrantId(), tampered));
        assertThat(forged.code()).isEqualTo("no_warrant");
        SendResult ran = send(report(allowed.warrantId(), merge));
        assertThat(ran.isAccepted()).isTrue();

        List<String> actions = kernel.ledger().entries(1, 1000).stream().map(LedgerEntry::action).toList();
        assertThat(actions).contains("warrant.issue", "approval.request", "approval.approve", "warrant.use",
                "warrant.execute");
        assertThat(kernel.ledger().verify(n -> { }).ok()).isTrue();
    }

    @Test
    void aGatedActionWithoutAWarrantIsDenied() {
        send(Envelope.builder().fromAgent("coder-1").toAgent(Envelope.ORCHESTRATOR).messageType(MessageType.WARRANT_REQUEST)
                .payload(kernel.codec().toPayload(new WarrantRequest(new ActionSpec("git.merge", mergeArgs("main")),
                        null, null, "no warrant at all"))).build());
        assertThat(lastDecision().status()).isEqualTo(WarrantStatus.DENIED);
        SendResult report = send(report("w-none", new ActionSpec("git.merge", mergeArgs("main"))));
        assertThat(report.code()).isEqualTo("no_warrant");
    }

    @Test
    void aTaskScopedWarrantEndsWithItsTask() {
        kernel.tasks().create(new TaskSpec("t-9", null, "Merge the fix", null, List.of("git"), List.of(), null, null,
                List.of(), null, null, null));
        Warrant warrant = kernel.governance().issueWarrant("coder-1", new WarrantTerms(
                WarrantScope.kinds("git.push").repositories("symbi-core").branches("feature/**"),
                clock.instant().plus(Duration.ofHours(1)), 0, 0, Set.of("t-9")), "local");
        assertThat(kernel.governance().warrant(warrant.id()).orElseThrow().status()).isEqualTo(Warrant.Status.ACTIVE);
        kernel.tasks().cancel("t-9");
        assertThat(kernel.governance().liveWarrants()).extracting(Warrant::id).doesNotContain(warrant.id());
    }

    private Envelope report(String warrantId, ActionSpec action) {
        return Envelope.builder().fromAgent("coder-1").toAgent(Envelope.ORCHESTRATOR).messageType(MessageType.ACTION_REPORT)
                .payload(kernel.codec().toPayload(new ActionReport(warrantId, action, TaskOutcome.SUCCESS,
                        JsonNodeFactory.instance.objectNode().put("merged", true), null))).build();
    }
}
