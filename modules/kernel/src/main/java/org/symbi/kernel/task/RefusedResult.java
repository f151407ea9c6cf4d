package org.symbi.kernel.task;

import org.symbi.protocol.TaskOutcome;

import java.time.Instant;

/** A task result that was not applied, kept for inspection. */
public record RefusedResult(String taskId, String agentId, long resultEpoch, long currentEpoch, TaskOutcome outcome,
                            ResultHandling reason, Instant refusedAt) {
}
