package org.symbi.governance;

import java.time.Instant;
import java.util.List;

/**
 * A request to run one exact action under a warrant; approvals are for its binding hash only.
 *
 * @param canonicalAction the RFC 8785 text that was hashed, which is what approvers are shown
 * @param groups          approvers must belong to one of these (escalation adds groups); empty: anyone
 */
public record ApprovalRequest(String id, String warrantId, String agentId, String kind, String bindingHash,
                              String canonicalAction, String reasoning, String taskId, int required,
                              List<String> groups, String ruleId, Instant createdAt, Instant expiresAt,
                              boolean escalated, Status status) {
    public enum Status { PENDING, APPROVED, DENIED, EXPIRED, USED }

    ApprovalRequest with(Status newStatus) {
        return new ApprovalRequest(id, warrantId, agentId, kind, bindingHash, canonicalAction, reasoning, taskId,
                required, groups, ruleId, createdAt, expiresAt, escalated, newStatus);
    }

    ApprovalRequest escalate(List<String> allGroups, Instant newExpiry) {
        return new ApprovalRequest(id, warrantId, agentId, kind, bindingHash, canonicalAction, reasoning, taskId,
                required, allGroups, ruleId, createdAt, newExpiry, true, status);
    }
}
