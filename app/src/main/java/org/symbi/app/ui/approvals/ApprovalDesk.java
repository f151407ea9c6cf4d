package org.symbi.app.ui.approvals;

import org.symbi.app.ui.warrants.ScopeText;
import org.symbi.governance.ApprovalRequest;
import org.symbi.governance.Governance;
import org.symbi.governance.Quorum;
import org.symbi.governance.Verdict;
import org.symbi.kernel.Kernel;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The inbox's side of the kernel: pending requests with what an approver needs, and decisions signed with
 * the room's local approver key (what {@code symbi approve} and {@code symbi deny} do). Reads the database:
 * runs in the background through the feed, never on the FX thread.
 */
final class ApprovalDesk {
    private final Kernel kernel;

    ApprovalDesk(Kernel kernel) {
        this.kernel = kernel;
    }

    /** The person at this room's screen, whose key signs the decisions made here. */
    String approverId() {
        return kernel.localApprover().id();
    }

    /** Every pending request, oldest first. */
    List<PendingApproval> pending() {
        return kernel.governance().approvals().pending().stream()
                .sorted(Comparator.comparing(ApprovalRequest::createdAt).thenComparing(ApprovalRequest::id))
                .map(this::describe).flatMap(Optional::stream).toList();
    }

    /** Signs and records a decision; governance's refusals (separation of duties, a closed request…) are thrown. */
    Quorum decide(String requestId, Verdict verdict, String reason) {
        return kernel.governance().approvals().decideLocally(requestId, approverId(), verdict, reason);
    }

    private Optional<PendingApproval> describe(ApprovalRequest r) {
        Governance governance = kernel.governance();
        Quorum quorum;
        try {
            quorum = governance.approvals().quorum(r.id());
        } catch (IllegalStateException settledMeanwhile) {
            return Optional.empty();
        }
        String scope = governance.warrant(r.warrantId()).map(w -> ScopeText.of(w.terms().scope()))
                .orElse("warrant " + r.warrantId() + " is no longer live");
        List<ApprovalCard.Signature> signatures = quorum.decisions().stream()
                .map(d -> new ApprovalCard.Signature(d.approverId(), d.verdict(), d.signatureBase64())).toList();
        return Optional.of(new PendingApproval(r.id(), r.agentId(), r.kind(), governance.policy().riskOf(r.kind()),
                scope, r.canonicalAction(), r.bindingHash(), r.reasoning(), r.groups(), r.required(),
                quorum.toString(), signatures));
    }
}
