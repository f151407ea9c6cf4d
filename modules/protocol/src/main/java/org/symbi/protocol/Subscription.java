package org.symbi.protocol;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/** The payload of {@link MessageType#SUBSCRIBE} and {@link MessageType#UNSUBSCRIBE}: the topics concerned. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Subscription(List<String> topics) {
    public Subscription {
        topics = topics == null ? List.of() : List.copyOf(topics);
    }
}
