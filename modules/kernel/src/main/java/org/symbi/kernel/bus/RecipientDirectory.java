package org.symbi.kernel.bus;

import java.util.Collection;

/** What the bus needs to know about agents: who exists, to refuse unknown recipients and to broadcast. */
public interface RecipientDirectory {
    boolean isKnown(String agentId);

    Collection<String> knownAgents();
}
