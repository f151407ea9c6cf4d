package org.symbi.protocol;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** System-wide metrics (seed 000). Formulas: docs/metrics.md. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SystemMetrics(
        int totalAgents,
        int onlineAgents,
        int activeCollaborations,
        double messageThroughput,
        HealthStatus systemHealth,
        double conflictResolutionRate) {
}
