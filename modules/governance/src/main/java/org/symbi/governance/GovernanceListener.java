package org.symbi.governance;

/** What a UI follows: requests to show, decisions, and warrants that stop. Called on the deciding thread. */
public interface GovernanceListener {
    default void approvalRequested(ApprovalRequest request) {
    }

    default void approvalDecided(ApprovalRequest request, ApprovalDecision decision, Quorum quorum) {
    }

    /** A request was escalated, expired, approved or denied. */
    default void approvalChanged(ApprovalRequest request) {
    }

    default void warrantEnded(Warrant warrant) {
    }
}
