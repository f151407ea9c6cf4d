package org.symbi.app.ui.approvals;

import java.util.List;

/**
 * A pending request as read from governance, with what an approver needs to judge it.
 *
 * @param risk            the policy's risk for the kind (low, medium, high, critical)
 * @param scope           the scope of the warrant the agent acts under, in one line
 * @param canonicalAction the exact canonical bytes whose hash the approval signs: what will run
 * @param groups          approvers must belong to one of these; empty: any approver
 * @param quorum          progress when read, like "1 of 2"
 * @param signatures      every signed decision so far
 */
public record PendingApproval(String requestId, String agentId, String kind, String risk, String scope,
                              String canonicalAction, String bindingHash, String reasoning, List<String> groups,
                              int required, String quorum, List<ApprovalCard.Signature> signatures) {
    public PendingApproval {
        groups = List.copyOf(groups);
        signatures = List.copyOf(signatures);
    }
}
