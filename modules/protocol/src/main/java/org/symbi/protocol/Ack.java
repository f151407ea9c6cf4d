package org.symbi.protocol;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/** The payload of an {@link MessageType#ACK}: the deliveries the agent has processed and the bus may forget. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Ack(List<String> deliveryIds) {
    public Ack {
        deliveryIds = deliveryIds == null ? List.of() : List.copyOf(deliveryIds);
    }
}
