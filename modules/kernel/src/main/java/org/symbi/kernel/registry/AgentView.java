package org.symbi.kernel.registry;

import org.symbi.protocol.AgentCard;
import org.symbi.protocol.AgentStatus;

import java.time.Instant;

/**
 * A snapshot of one registered agent.
 *
 * @param load 0.0 to 1.0: what the agent reported, else its active tasks over its concurrency
 */
public record AgentView(AgentCard card, AgentStatus status, double load, int activeTasks, Instant lastHeartbeat,
                        Instant registeredAt) {
    public String agentId() {
        return card.agentId();
    }

    public boolean online() {
        return status != AgentStatus.OFFLINE;
    }
}
