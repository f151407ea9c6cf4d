package org.symbi.protocol;

import java.util.Objects;

/**
 * What the room sends an agent over a socket, one frame per WebSocket text message, and what long-poll
 * responses carry. Agents send plain envelopes; the room answers each with a {@link Receipt}.
 * Encoded and decoded by {@link ProtocolCodec#encodeFrame} and {@link ProtocolCodec#decodeFrame}.
 */
public sealed interface RoomFrame {

    /** The wire name of the frame, the value of its {@code frame} field. */
    String frame();

    /**
     * The first frame of a session.
     *
     * @param heartbeatIntervalMs how often the agent should send a heartbeat
     * @param window              how many deliveries may be unacknowledged at once
     */
    record Welcome(String agentId, String sessionId, long heartbeatIntervalMs, int window, String protocolVersion)
            implements RoomFrame {
        public Welcome {
            Objects.requireNonNull(agentId, "agent_id");
            Objects.requireNonNull(sessionId, "session_id");
            if (protocolVersion == null) {
                protocolVersion = Envelope.PROTOCOL_VERSION;
            }
        }

        public String frame() {
            return "welcome";
        }
    }

    /**
     * A message for the agent. Acknowledge it with an {@code ack} envelope naming {@code deliveryId}.
     *
     * @param attempt 1 for the first delivery, higher for redeliveries
     */
    record Deliver(String deliveryId, int attempt, Envelope envelope) implements RoomFrame {
        public Deliver {
            Objects.requireNonNull(deliveryId, "delivery_id");
            Objects.requireNonNull(envelope, "envelope");
        }

        public String frame() {
            return "deliver";
        }
    }

    /**
     * The room's answer to one envelope the agent sent.
     *
     * @param code                the refusal code, null unless refused
     * @param reason              a sentence for people, null unless refused
     * @param heartbeatIntervalMs on an accepted register or heartbeat: how often to heartbeat from now on (it
     *                            grows and shrinks with the number of agents online); null otherwise
     */
    record Receipt(String messageId, Outcome outcome, String code, String reason, Long heartbeatIntervalMs)
            implements RoomFrame {
        public Receipt {
            Objects.requireNonNull(messageId, "message_id");
            Objects.requireNonNull(outcome, "outcome");
        }

        /** A receipt that sets no heartbeat interval. */
        public Receipt(String messageId, Outcome outcome, String code, String reason) {
            this(messageId, outcome, code, reason, null);
        }

        public String frame() {
            return "receipt";
        }
    }

    /**
     * A frame the room could not read or act on, with a protocol error code.
     *
     * @param refMessageId the message concerned, when it could be read
     */
    record Error(String code, String message, String refMessageId) implements RoomFrame {
        public Error {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }

        public String frame() {
            return "error";
        }
    }

    /** How the room took an envelope: accepted and duplicate both mean the sender may forget it. */
    enum Outcome {
        ACCEPTED, DUPLICATE, REFUSED;

        public String wire() {
            return Wire.name(this);
        }

        public static Outcome fromWire(String value) {
            return Wire.enumValue(Outcome.class, value, "outcome");
        }
    }
}
