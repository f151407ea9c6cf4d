package org.symbi.app.ui.requests;

import org.symbi.kernel.request.WorkflowDraft;
import org.symbi.kernel.task.TaskView;
import org.symbi.kernel.task.WorkflowView;
import org.symbi.protocol.TaskStatus;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One step of a request's plan as the plan table shows it: what the planner (or the room) put there and,
 * once the plan runs, how its task stands.
 *
 * @param taskId     the step's id in the plan ({@code implement}); its task is {@code REQUEST.implement}
 * @param addedBy    why the room added the step, or null for the planner's own
 * @param workflowId the workflow it runs in once confirmed, or null while it is only planned
 * @param status     its task's status, or null while it is only planned
 * @param agent      the agent its task is assigned to, or null
 */
public record PlanRow(String taskId, String title, List<String> capabilities, List<String> dependsOn,
                      String addedBy, String workflowId, TaskStatus status, String agent, String detail) {

    /** The draft's steps, with their tasks' state when the plan has run (the workflow may be null). */
    static List<PlanRow> of(WorkflowDraft draft, WorkflowView workflow) {
        Map<String, TaskView> tasks = new HashMap<>();
        if (workflow != null) {
            workflow.tasks().forEach(t -> tasks.put(t.taskId(), t));
        }
        return draft.tasks().stream().map(t -> {
            TaskView task = workflow == null ? null : tasks.get(workflow.workflowId() + "." + t.taskId());
            return new PlanRow(t.taskId(), t.title(), t.capabilities(), t.dependsOn(), t.addedBy(),
                    task == null ? null : workflow.workflowId(), task == null ? null : task.status(),
                    task == null ? null : task.assignedAgent(), task == null ? null : task.detail());
        }).toList();
    }

    /** The task this step runs as, or null while it is only planned. */
    public String runningTaskId() {
        return workflowId == null ? null : workflowId + "." + taskId;
    }

    public boolean addedByRoom() {
        return addedBy != null;
    }

    /** "planned" until the plan runs, then its task's status ("running", "completed", …). */
    public String statusText() {
        return status == null ? "planned" : status.wire().replace('_', ' ');
    }

    /** The CSS class of its status, shared with the task graph's colours. */
    public String statusStyle() {
        return status == null ? "task-status-planned" : "task-status-" + status.wire().replace('_', '-');
    }
}
