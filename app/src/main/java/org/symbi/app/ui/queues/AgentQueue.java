package org.symbi.app.ui.queues;

import java.util.List;

/**
 * One agent's inbox on the bus.
 *
 * @param lanes      the four lanes, critical first
 * @param processing messages delivered to the agent and not acknowledged yet
 * @param attached   whether the agent has a connection the bus pushes to
 */
public record AgentQueue(String agentId, List<LaneDepth> lanes, int processing, boolean attached) {
    public AgentQueue {
        lanes = List.copyOf(lanes);
    }

    public long waiting() {
        return lanes.stream().mapToLong(LaneDepth::depth).sum();
    }
}
