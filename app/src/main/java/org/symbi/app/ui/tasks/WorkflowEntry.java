package org.symbi.app.ui.tasks;

import java.util.Optional;

/**
 * One line of the task list: a workflow, or the tasks that belong to none.
 *
 * @param workflowId the workflow, or null for the tasks created on their own
 */
public record WorkflowEntry(String workflowId, String title, int completed, int total) {

    /** What identifies the entry across reads: its workflow id, empty for the tasks of no workflow. */
    public Optional<String> key() {
        return Optional.ofNullable(workflowId);
    }

    public boolean standalone() {
        return workflowId == null;
    }

    /** Completed over total, 0.0 to 1.0. */
    public double progress() {
        return total == 0 ? 0 : completed / (double) total;
    }
}
