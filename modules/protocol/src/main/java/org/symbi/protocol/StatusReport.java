package org.symbi.protocol;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The payload of a heartbeat or status update (seed 003's discovery record).
 *
 * @param load         0.0 (idle) to 1.0 (full), as the agent measures itself; null lets the kernel derive it
 * @param cpuPercent   the agent process's CPU use, or null
 * @param memoryBytes  the agent process's resident memory, or null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StatusReport(AgentStatus status, Double load, Integer activeTasks, Double cpuPercent, Long memoryBytes) {
}
