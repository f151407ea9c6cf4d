package org.symbi.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The payload of an {@link MessageType#ACTION_REPORT}: an agent reports that it ran a gated action under a
 * warrant. The room records it as attested by the agent (its signature), not as verified.
 *
 * @param signature base64 Ed25519 signature by the agent's key over the action's binding hash, or null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ActionReport(String warrantId, ActionSpec action, TaskOutcome outcome, JsonNode result,
                           String signature) {
}
