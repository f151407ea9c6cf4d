package org.symbi.agents.git;

import java.util.List;

/**
 * Who may push where and merge into what, in a repository's rules: agents whose id matches one of
 * {@code agents} may push to branches matching {@code push} and merge into branches matching {@code merge}.
 * All are globs (see {@link BranchGlob}).
 */
public record BranchPermission(List<String> agents, List<String> push, List<String> merge) {
    public BranchPermission {
        agents = agents == null ? List.of() : List.copyOf(agents);
        push = push == null ? List.of() : List.copyOf(push);
        merge = merge == null ? List.of() : List.copyOf(merge);
    }

    boolean appliesTo(String agentId) {
        return BranchGlob.anyMatches(agents, agentId);
    }
}
