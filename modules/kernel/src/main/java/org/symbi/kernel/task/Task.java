package org.symbi.kernel.task;

import com.fasterxml.jackson.databind.JsonNode;
import org.symbi.protocol.TaskSpec;
import org.symbi.protocol.TaskStatus;

import java.time.Instant;

/** The mutable state of one task; only the task manager touches it, under its lock. */
final class Task {
    long seq;
    TaskSpec spec;
    TaskStatus status;
    long epoch;
    String agent;
    int attempts;
    Instant nextAttemptAt;
    Instant assignedAt;
    final Instant createdAt;
    Instant updatedAt;
    JsonNode result;
    String detail;

    Task(TaskSpec spec, TaskStatus status, Instant createdAt) {
        this.spec = spec;
        this.status = status;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
        this.detail = "created";
    }

    String id() {
        return spec.taskId();
    }

    boolean deadlinePassed(Instant now) {
        return spec.deadline() != null && now.toEpochMilli() >= spec.deadline();
    }

    /** The spec as it travels to an agent: the current status and epoch filled in. */
    TaskSpec wireSpec() {
        return with(spec, spec.taskId(), spec.workflowId(), spec.deadline(), status, epoch);
    }

    TaskView view() {
        return new TaskView(id(), spec.workflowId(), spec.title(), wireSpec(), status, epoch, agent, attempts,
                nextAttemptAt, assignedAt, createdAt, updatedAt, result, detail);
    }

    static TaskSpec with(TaskSpec s, String taskId, String workflowId, Long deadline, TaskStatus status, Long epoch) {
        return new TaskSpec(taskId, workflowId, s.title(), s.description(), s.requiredCapabilities(),
                s.assignedAgents(), s.priority(), deadline, s.dependsOn(), status, epoch, s.input());
    }
}
