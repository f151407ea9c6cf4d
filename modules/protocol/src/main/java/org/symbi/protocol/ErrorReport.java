package org.symbi.protocol;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The payload of an {@link MessageType#ERROR_REPORT}: a stable code, a message for people, what it refers to. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ErrorReport(String code, String message, String refMessageId) {
}
