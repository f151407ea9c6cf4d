package org.symbi.kernel.lock;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Who may vote on a conflict. A majority is counted over this set, so it must be the same set every time
 * it is asked about the same conflict while the vote runs.
 */
@FunctionalInterface
public interface VoterEligibility {
    /** The agents involved in the conflict, and nobody else. */
    VoterEligibility INVOLVED_AGENTS = conflict -> new LinkedHashSet<>(conflict.involvedAgents());

    Set<String> voters(Conflict conflict);
}
