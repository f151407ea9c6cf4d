package org.symbi.protocol;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The payload of {@link MessageType#RESOURCE_LOCK} and {@link MessageType#RESOURCE_RELEASE}.
 *
 * @param resource a resource name such as {@code repo:symbi-core/branch:main} or {@code file:src/App.java}
 * @param leaseMs  how long the lock holds unless renewed; ignored on release
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LockRequest(String resource, Long leaseMs) {
}
