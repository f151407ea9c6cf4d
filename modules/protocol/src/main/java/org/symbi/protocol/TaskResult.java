package org.symbi.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The payload of a {@link MessageType#TASK_RESPONSE} that ends an agent's work on a task. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TaskResult(String taskId, long epoch, TaskOutcome outcome, JsonNode result, String error) {
}
