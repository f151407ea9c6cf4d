package org.symbi.protocol;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/**
 * What an agent tells the registry about itself when it registers (seed 000).
 *
 * @param endpoint   a WebSocket URL where the agent listens, for agents the room dials out to; or null
 * @param webhookUrl an HTTP URL the room posts messages to, for agents that cannot hold a socket; or null
 * @param maxConcurrentTasks how many tasks the agent takes at once; its load is active tasks over this
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AgentCard(
        String agentId,
        String agentType,
        Tier tier,
        List<String> capabilities,
        String repository,
        String endpoint,
        String webhookUrl,
        String version,
        ModelInfo model,
        Integer maxConcurrentTasks) {

    public AgentCard {
        capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
        if (tier == null) {
            tier = Tier.WORKER;
        }
        if (maxConcurrentTasks == null || maxConcurrentTasks < 1) {
            maxConcurrentTasks = 1;
        }
    }

    public static AgentCard of(String agentId, String agentType, List<String> capabilities) {
        return new AgentCard(agentId, agentType, Tier.WORKER, capabilities, null, null, null, null, null, 1);
    }

    public boolean hasCapabilities(List<String> required) {
        return capabilities.containsAll(required);
    }
}
