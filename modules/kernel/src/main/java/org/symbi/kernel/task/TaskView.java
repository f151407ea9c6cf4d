package org.symbi.kernel.task;

import com.fasterxml.jackson.databind.JsonNode;
import org.symbi.protocol.TaskSpec;
import org.symbi.protocol.TaskStatus;

import java.time.Instant;

/**
 * A snapshot of one task.
 *
 * @param spec          the task as an agent receives it: current status and epoch included
 * @param epoch         assignments so far; a result must carry the epoch of the assignment it answers
 * @param assignedAgent the agent of the current or last assignment; null while waiting for one
 * @param attempts      failed attempts since creation or the last retry
 * @param nextAttemptAt when a task backing off after a failure may be assigned again, or null
 * @param result        what the agent returned, once completed
 * @param detail        why the task is in its status, for people
 */
public record TaskView(String taskId, String workflowId, String title, TaskSpec spec, TaskStatus status, long epoch,
                       String assignedAgent, int attempts, Instant nextAttemptAt, Instant assignedAt,
                       Instant createdAt, Instant updatedAt, JsonNode result, String detail) {
    /** The task has ended, one way or another, and will not move on unless a person retries it. */
    public boolean settled() {
        return TaskBook.SETTLED.contains(status);
    }
}
