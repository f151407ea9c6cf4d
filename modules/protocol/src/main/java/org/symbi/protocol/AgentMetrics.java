package org.symbi.protocol;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Per-agent performance metrics (seed 000). Formulas: docs/metrics.md. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AgentMetrics(
        String agentId,
        long tasksCompleted,
        long tasksFailed,
        double successRate,
        double averageResponseTimeMs,
        double load,
        double collaborationScore,
        double trustScore) {
}
