package org.symbi.kernel.task;

import org.symbi.protocol.TaskStatus;

import java.time.Instant;
import java.util.List;

/** A snapshot of one workflow: its tasks in creation order and how far it has come. */
public record WorkflowView(String workflowId, String title, Instant createdAt, List<TaskView> tasks) {

    public WorkflowView {
        tasks = List.copyOf(tasks);
    }

    public int total() {
        return tasks.size();
    }

    public int completed() {
        return (int) tasks.stream().filter(t -> t.status() == TaskStatus.COMPLETED).count();
    }

    /** Completed over total, 0.0 to 1.0. */
    public double progress() {
        return tasks.isEmpty() ? 0.0 : completed() / (double) total();
    }
}
