package org.symbi.governance;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Who may vote on a conflict the kernel settles by vote: the agents involved, and the people (approvers) in
 * the voter groups. The kernel holds the ballots and applies the outcome; every ballot is a ledger entry.
 */
public final class ConflictVoters {
    private final ApproverRegistry approvers;
    private final Set<String> voterGroups;

    /** @param voterGroups the approver groups whose members vote on conflicts besides the agents involved */
    public ConflictVoters(ApproverRegistry approvers, Set<String> voterGroups) {
        this.approvers = approvers;
        this.voterGroups = Set.copyOf(voterGroups);
    }

    public Set<String> eligibleVoters(Set<String> involvedAgents) {
        Set<String> out = new LinkedHashSet<>(involvedAgents);
        approvers.inGroups(voterGroups).forEach(a -> out.add(a.id()));
        return out;
    }
}
