package org.symbi.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How the bus carries a message. Durable messages are committed to disk before the sender's ack and
 * delivered at least once; transient messages are delivered at most once and never written down.
 */
public enum DeliveryClass {
    DURABLE, TRANSIENT;

    @JsonValue
    public String wire() {
        return Wire.name(this);
    }

    @JsonCreator
    public static DeliveryClass fromWire(String value) {
        return Wire.enumValue(DeliveryClass.class, value, "delivery");
    }
}
