package org.symbi.protocol;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The payload of a {@link MessageType#WARRANT_REQUEST}: an agent asks to perform a gated action.
 *
 * @param warrantId the warrant the agent holds for it (a phase warrant, say), or null to let the room find one
 * @param reasoning why the agent wants to do it, shown to approvers
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WarrantRequest(ActionSpec action, String warrantId, String taskId, String reasoning) {
}
