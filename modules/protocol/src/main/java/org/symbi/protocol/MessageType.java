package org.symbi.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Every message type of the wire protocol. The first seven are the seed's; the rest carry registration,
 * liveness, acknowledgement, topic events and reasoning traces.
 */
public enum MessageType {
    TASK_REQUEST(Route.QUEUED, DeliveryClass.DURABLE),
    TASK_RESPONSE(Route.QUEUED, DeliveryClass.DURABLE),
    COLLABORATION_INVITE(Route.QUEUED, DeliveryClass.DURABLE),
    STATUS_UPDATE(Route.QUEUED, DeliveryClass.TRANSIENT),
    ERROR_REPORT(Route.QUEUED, DeliveryClass.DURABLE),
    RESOURCE_LOCK(Route.KERNEL, DeliveryClass.DURABLE),
    RESOURCE_RELEASE(Route.KERNEL, DeliveryClass.DURABLE),
    /** Published to a topic; delivered to every subscriber of the topic. */
    EVENT(Route.QUEUED, DeliveryClass.DURABLE),
    REGISTER(Route.KERNEL, DeliveryClass.TRANSIENT),
    HEARTBEAT(Route.KERNEL, DeliveryClass.TRANSIENT),
    ACK(Route.KERNEL, DeliveryClass.TRANSIENT),
    SUBSCRIBE(Route.KERNEL, DeliveryClass.TRANSIENT),
    UNSUBSCRIBE(Route.KERNEL, DeliveryClass.TRANSIENT),
    /** A reasoning-trace step: stored with its task or warrant request, never queued. */
    TRACE_STEP(Route.KERNEL, DeliveryClass.TRANSIENT),
    /** An agent asks to perform a gated action (push, merge, deploy, delete). */
    WARRANT_REQUEST(Route.KERNEL, DeliveryClass.DURABLE),
    /** The room's answer to a warrant request; only the room sends it. */
    WARRANT_DECISION(Route.QUEUED, DeliveryClass.DURABLE),
    /** An agent reports a gated action it ran under a warrant. */
    ACTION_REPORT(Route.KERNEL, DeliveryClass.DURABLE);

    /** Whether only the room itself may send this type (agents could otherwise forge decisions). */
    public boolean roomOnly() {
        return this == WARRANT_DECISION;
    }

    /** Where a message of this type goes: into recipients' inboxes, or to the kernel itself. */
    public enum Route { QUEUED, KERNEL }

    private final Route route;
    private final DeliveryClass defaultDelivery;

    MessageType(Route route, DeliveryClass defaultDelivery) {
        this.route = route;
        this.defaultDelivery = defaultDelivery;
    }

    public Route route() {
        return route;
    }

    public DeliveryClass defaultDelivery() {
        return defaultDelivery;
    }

    @JsonValue
    public String wire() {
        return Wire.name(this);
    }

    @JsonCreator
    public static MessageType fromWire(String value) {
        return Wire.enumValue(MessageType.class, value, "message_type");
    }
}
