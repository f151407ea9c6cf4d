package org.symbi.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A concrete action an agent wants to perform, such as {@code git.push} with its remote and branch. A
 * warrant is bound to the SHA-256 of its canonical JSON (docs/governance.md).
 *
 * @param kind the action kind, e.g. {@code git.push}, {@code git.merge}, {@code deploy}, {@code repo.delete}
 * @param args the exact arguments; what an approver sees is what may run
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ActionSpec(String kind, JsonNode args) {
}
