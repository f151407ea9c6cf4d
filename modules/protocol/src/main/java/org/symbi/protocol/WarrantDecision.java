package org.symbi.protocol;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The payload of a {@link MessageType#WARRANT_DECISION}, sent by the room only: the answer to a warrant
 * request, at once or when the approvers have decided.
 *
 * @param bindingHash hex SHA-256 of the canonical action: the action that may run is exactly this one
 * @param requestId   the approval request when the status is (or was) pending
 * @param quorum      approvals so far over approvals needed, e.g. "1 of 2", when approvals are involved
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WarrantDecision(WarrantStatus status, String bindingHash, String warrantId, String requestId,
                              String quorum, String reason) {
}
