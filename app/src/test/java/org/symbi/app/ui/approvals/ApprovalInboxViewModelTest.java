package org.symbi.app.ui.approvals;

import org.junit.jupiter.api.Test;
import org.symbi.app.cli.SymbiCommand;
import org.symbi.app.ui.RoomTest;
import org.symbi.app.ui.kit.Notifier;
import org.symbi.governance.ApprovalRequest;
import org.symbi.governance.Verdict;
import org.symbi.governance.Warrant;
import org.symbi.kernel.Kernel;
import org.symbi.ledger.LedgerEntry;
import org.symbi.protocol.WarrantStatus;


import static org.assertj.core.api.Assertions.assertThat;
import static org.symbi.app.ui.approvals.GatedRequests.ask;
import static org.symbi.app.ui.approvals.GatedRequests.deployScope;
import static org.symbi.app.ui.approvals.GatedRequests.mergeScope;
import static org.symbi.app.ui.approvals.GatedRequests.mergeToMain;
import static org.symbi.app.ui.approvals.GatedRequests.productionDeploy;

/** The inbox on a real room: requests from governance, signatures as they come, decisions signed here. */
class ApprovalInboxViewModelTest extends RoomTest {

    private ApprovalInboxViewModel inbox() {
        ApprovalInboxViewModel model = new ApprovalInboxViewModel(room.context());
        room.drain();
        return model;
    }

    @Test
    void pendingRequestsAreLoadedWhenTheInboxOpensWithWhatAnApproverNeeds() {
        String id = ask(kernel, "coder-1", mergeScope(), mergeToMain(), "review passed, CI green");

        ApprovalInboxViewModel model = inbox();

        assertThat(model.cards()).singleElement().satisfies(card -> {
            PendingApproval r = card.request();
            assertThat(r.requestId()).isEqualTo(id);
            assertThat(r.agentId()).isEqualTo("coder-1");
            assertThat(r.kind()).isEqualTo("git.merge");
            assertThat(r.risk()).isEqualTo("high");
            assertThat(r.scope()).isEqualTo("git.merge · repositories symbi-core · branches main");
            assertThat(r.canonicalAction()).isEqualTo(kernel.governance().approvals().request(id).orElseThrow()
                    .canonicalAction()).contains("\"branch\":\"main\"");
            assertThat(r.reasoning()).isEqualTo("review passed, CI green");
            assertThat(r.groups()).containsExactly("maintainers");
            assertThat(card.quorumProperty().get()).isEqualTo("0 of 1");
            assertThat(card.signatures()).isEmpty();
        });
        assertThat(model.selected()).isSameAs(model.cards().getFirst());
        assertThat(room.notifications()).as("requests already waiting are not news").isEmpty();
    }

    @Test
    void aNewRequestAppearsAndRaisesADesktopNotification() {
        ApprovalInboxViewModel model = inbox();
        assertThat(model.cards()).isEmpty();

        String id = ask(kernel, "coder-1", deployScope(), productionDeploy(), "release 1.4.2");
        room.drain();

        assertThat(model.cards()).extracting(ApprovalCard::requestId).containsExactly(id);
        assertThat(model.cards().getFirst().quorumProperty().get()).isEqualTo("0 of 2");
        assertThat(room.notifications()).singleElement().satisfies(n -> {
            assertThat(n.severity()).isEqualTo(Notifier.Severity.WARNING);
            assertThat(n.title()).isEqualTo("Approval needed");
            assertThat(n.text()).isEqualTo("coder-1 asks to run deploy; 2 approvals needed");
        });
    }

    @Test
    void aSignatureFromOutsideTheInboxShowsOnTheCardWithTheQuorum() {
        String id = ask(kernel, "coder-1", deployScope(), productionDeploy(), "release 1.4.2");
        ApprovalInboxViewModel model = inbox();

        // symbi approve, while the room runs, signs through the room's admin API.
        int exit = SymbiCommand.commandLine().execute("approve", id, "--reason", "checked the release notes",
                "--data", data.toString());
        assertThat(exit).isZero();
        room.drain();

        ApprovalCard card = model.cards().getFirst();
        assertThat(card.quorumProperty().get()).isEqualTo("1 of 2");
        String stored = kernel.governance().approvals().decisions(id).getFirst().signatureBase64();
        assertThat(card.signatures()).singleElement().satisfies(s -> {
            assertThat(s.approverId()).isEqualTo(Kernel.LOCAL_APPROVER);
            assertThat(s.verdict()).isEqualTo(Verdict.APPROVE);
            assertThat(s.signatureBase64()).isEqualTo(stored);
            assertThat(s.shortSignature()).isEqualTo(stored.substring(0, 16) + "…");
        });
        assertThat(card.approvedHereProperty().get()).isTrue();
        assertThat(model.approveSelected().isExecutable())
                .as("this room's approver already counts; the request waits for another").isFalse();
    }

    @Test
    void approvingSignsWithTheRoomsKeyTheWarrantIsUsedAndTheCardLeaves() {
        String id = ask(kernel, "coder-1", mergeScope(), mergeToMain(), "review passed");
        String warrantId = kernel.governance().approvals().request(id).orElseThrow().warrantId();
        ApprovalInboxViewModel model = inbox();
        long ledgerBefore = kernel.ledger().size();

        assertThat(model.approveSelected().execute()).isTrue();
        room.drain();

        assertThat(model.cards()).isEmpty();
        assertThat(model.messageProperty().get()).isEqualTo("You approved " + id + ": quorum 1 of 1");
        assertThat(kernel.governance().approvals().pending()).isEmpty();
        assertThat(kernel.ledger().size()).isGreaterThan(ledgerBefore);
        assertThat(GatedRequests.ledger(kernel, "approval.approve", id)).singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo("person:" + Kernel.LOCAL_APPROVER));
        assertThat(GatedRequests.usesAllowedBy(kernel, id)).singleElement()
                .satisfies(e -> assertThat(e.subject()).isEqualTo(warrantId));
        assertThat(kernel.governance().warrant(warrantId).map(Warrant::uses)).contains(1);
    }

    @Test
    void aDenialNeedsAReasonThenIsSignedWithIt() {
        String id = ask(kernel, "coder-1", mergeScope(), mergeToMain(), "review passed");
        String warrantId = kernel.governance().approvals().request(id).orElseThrow().warrantId();
        ApprovalInboxViewModel model = inbox();
        ApprovalCard card = model.cards().getFirst();
        long ledgerBefore = kernel.ledger().size();

        assertThat(model.deny(card, "   ")).isFalse();
        room.drain();
        assertThat(card.problemProperty().get()).isEqualTo(ApprovalInboxViewModel.REASON_NEEDED);
        assertThat(model.cards()).containsExactly(card);
        assertThat(kernel.ledger().size()).isEqualTo(ledgerBefore);

        assertThat(model.deny(card, "not during the release freeze")).isTrue();
        room.drain();

        assertThat(model.cards()).isEmpty();
        assertThat(model.messageProperty().get()).isEqualTo("You denied " + id);
        assertThat(GatedRequests.ledger(kernel, "approval.deny", id)).singleElement().satisfies(e ->
                assertThat(e.payload().path("reason").asText()).isEqualTo("not during the release freeze"));
        assertThat(GatedRequests.askAgain(kernel, "coder-1", warrantId, mergeToMain()).status())
                .isEqualTo(WarrantStatus.DENIED);
    }

    @Test
    void governanceRefusingADecisionIsShownOnTheCard() {
        // An agent that shares the approver's id: separation of duties forbids approving its own request.
        String id = ask(kernel, Kernel.LOCAL_APPROVER, mergeScope(), mergeToMain(), "my own merge");
        ApprovalInboxViewModel model = inbox();
        ApprovalCard card = model.cards().getFirst();

        model.approve(card);
        room.drain();

        assertThat(card.problemProperty().get()).startsWith("Could not approve: separation of duties");
        assertThat(card.decidingProperty().get()).isFalse();
        assertThat(model.cards()).containsExactly(card);
        assertThat(kernel.governance().approvals().request(id).orElseThrow().status())
                .isEqualTo(ApprovalRequest.Status.PENDING);
    }

    @Test
    void theKeyboardChoiceMovesThroughTheCardsAndAnApprovalTakesTheChosenOne() {
        String first = ask(kernel, "coder-1", mergeScope(), mergeToMain(), "first");
        String second = ask(kernel, "coder-2", deployScope(), productionDeploy(), "second");
        ApprovalInboxViewModel model = inbox();
        assertThat(model.selected().requestId()).isEqualTo(first);

        model.selectNext();
        model.selectNext();
        assertThat(model.selected().requestId()).as("stays on the last card").isEqualTo(second);
        model.selectPrevious();
        assertThat(model.selected().requestId()).isEqualTo(first);

        model.approveSelected().execute();
        room.drain();
        assertThat(model.cards()).extracting(ApprovalCard::requestId).containsExactly(second);
        assertThat(model.selected().requestId()).isEqualTo(second);
        assertThat(GatedRequests.ledger(kernel, "approval.approve", first)).hasSize(1);
        assertThat(GatedRequests.ledger(kernel, "approval.approve", second)).isEmpty();
        assertThat(kernel.ledger().entries(0, 1000)).extracting(LedgerEntry::action).contains("approval.approved");
    }
}
