package org.symbi.app.ui.tasks;

import org.symbi.protocol.TaskStatus;

import java.time.Instant;
import java.util.List;

/**
 * A task as a node of its workflow's graph.
 *
 * @param layer     its column: 0 for tasks that wait for nothing, else one past its deepest dependency
 * @param row       its place within the column, in creation order
 * @param dependsOn the tasks of the same graph it waits for (the arrows that end at it)
 * @param agent     the agent of its current or last assignment, or null
 * @param detail    why it is in its status, in the kernel's words
 * @param updatedAt when its status last changed, to tell newer news from older
 */
public record TaskNode(String taskId, String title, TaskStatus status, int layer, int row, List<String> dependsOn,
                       String agent, String detail, int attempts, Instant updatedAt) {
    public TaskNode {
        dependsOn = List.copyOf(dependsOn);
    }

    /** The title, or the id of a task that has none. */
    public String name() {
        return title != null && !title.isBlank() ? title : taskId;
    }

    TaskNode withState(TaskStatus newStatus, String newAgent, String newDetail, Instant at) {
        return new TaskNode(taskId, title, newStatus, layer, row, dependsOn, newAgent, newDetail, attempts, at);
    }
}
