package org.symbi.kernel.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.symbi.protocol.TaskSpec;

import java.util.List;
import java.util.Map;

/**
 * A plan made ready to run on one working tree: the planner's tasks with the inputs their agents need, plus
 * the steps the room adds (a branch to work on, commits before history is read). This is what a person
 * confirms, and exactly what then runs.
 *
 * @param planner {@code llm} or {@code rules}, as the planner said
 * @param basis   what the plan rests on: the model, or the kind of request the rules recognised
 * @param branch  the branch the work is done on
 * @param base    the branch it starts from and merges into
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WorkflowDraft(String planner, String basis, String branch, String base, List<DraftTask> tasks) {

    public WorkflowDraft {
        tasks = List.copyOf(tasks);
    }

    /**
     * One task as it will be created, its id and dependencies local to the plan.
     *
     * @param addedBy why the room added it, or null for the planner's own tasks
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record DraftTask(String taskId, String title, String description, List<String> capabilities,
                            List<String> dependsOn, JsonNode input, String addedBy) {
        public DraftTask {
            capabilities = List.copyOf(capabilities);
            dependsOn = List.copyOf(dependsOn);
        }
    }

    /**
     * The tasks as the room creates them in the workflow: ids prefixed with the workflow's
     * ({@code WORKFLOW.task}), tasks of a gated capability named to the agent holding its phase warrant.
     */
    public List<TaskSpec> toTaskSpecs(String workflowId, Map<String, String> agentByCapability) {
        return tasks.stream().map(t -> new TaskSpec(workflowId + "." + t.taskId(), workflowId, t.title(),
                t.description(), t.capabilities(), assigned(t, agentByCapability), null, null,
                t.dependsOn().stream().map(d -> workflowId + "." + d).toList(), null, null, t.input()))
                .toList();
    }

    private static List<String> assigned(DraftTask t, Map<String, String> agentByCapability) {
        return t.capabilities().stream().map(agentByCapability::get).filter(a -> a != null).distinct().toList();
    }
}
