package org.symbi.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/**
 * A task as it travels on the wire: what is created through the API and what an agent receives in a
 * {@link MessageType#TASK_REQUEST}.
 *
 * @param workflowId the DAG this task belongs to, or null for a lone task
 * @param deadline   milliseconds since the epoch by which the task must end, or null
 * @param epoch      the assignment epoch: a result must carry the epoch of the assignment it answers
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TaskSpec(
        String taskId,
        String workflowId,
        String title,
        String description,
        List<String> requiredCapabilities,
        List<String> assignedAgents,
        Priority priority,
        Long deadline,
        List<String> dependsOn,
        TaskStatus status,
        Long epoch,
        JsonNode input) {

    public TaskSpec {
        requiredCapabilities = requiredCapabilities == null ? List.of() : List.copyOf(requiredCapabilities);
        assignedAgents = assignedAgents == null ? List.of() : List.copyOf(assignedAgents);
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
        if (priority == null) {
            priority = Priority.NORMAL;
        }
        if (status == null) {
            status = TaskStatus.PENDING;
        }
    }
}
