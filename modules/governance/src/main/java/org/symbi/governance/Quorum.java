package org.symbi.governance;

import java.util.List;

/** Progress of a request towards its quorum, with every signed decision so far. */
public record Quorum(int approvals, int required, List<ApprovalDecision> decisions) {
    public boolean met() {
        return approvals >= required;
    }

    /** As shown to people: "1 of 2". */
    @Override
    public String toString() {
        return approvals + " of " + required;
    }
}
