package org.symbi.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One step of an agent's reasoning trace, stored with the task or warrant request it belongs to.
 *
 * @param content    the text of the step (a thought, a prompt, a tool's output)
 * @param detail     structured detail, such as a tool call's arguments or token counts; or null
 * @param confidence 0.0 to 1.0 as the agent reports it, or null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TraceStep(
        String taskId,
        String warrantRequestId,
        TraceKind kind,
        String content,
        JsonNode detail,
        String model,
        String version,
        Double confidence) {
}
