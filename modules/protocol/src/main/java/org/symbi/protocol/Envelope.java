package org.symbi.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.Objects;

/**
 * The message envelope (seed 000) with the priority lanes of seed 003 and loop protection.
 *
 * @param protocolVersion the wire protocol version, {@link #PROTOCOL_VERSION}
 * @param timestamp       milliseconds since the epoch, set by the sender
 * @param hopCount        how many times this message was forwarded on behalf of another message
 * @param causalChainId   the id shared by every message caused by the same original request
 * @param delivery        per-message override of the type's delivery class, or null
 * @param topic           the topic of an {@link MessageType#EVENT}, or null
 */
public record Envelope(
        String protocolVersion,
        String messageId,
        String fromAgent,
        Recipients toAgent,
        MessageType messageType,
        long timestamp,
        Priority priority,
        JsonNode payload,
        boolean requiresResponse,
        String correlationId,
        JsonNode trustReceipt,
        int hopCount,
        String causalChainId,
        DeliveryClass delivery,
        String topic) {

    public static final String PROTOCOL_VERSION = "1.0";
    /** The kernel's own address: messages of the kernel route go here. */
    public static final String ORCHESTRATOR = "orchestrator";

    public Envelope {
        Objects.requireNonNull(messageId, "message_id");
        Objects.requireNonNull(fromAgent, "from_agent");
        Objects.requireNonNull(toAgent, "to_agent");
        Objects.requireNonNull(messageType, "message_type");
        if (protocolVersion == null) {
            protocolVersion = PROTOCOL_VERSION;
        }
        if (priority == null) {
            priority = Priority.NORMAL;
        }
        if (payload == null) {
            payload = JsonNodeFactory.instance.objectNode();
        }
        if (causalChainId == null) {
            causalChainId = messageId;
        }
    }

    /** The delivery class this message travels with: its override, else its type's default. */
    public DeliveryClass effectiveDelivery() {
        return delivery != null ? delivery : messageType.defaultDelivery();
    }

    public Builder toBuilder() {
        return new Builder()
                .messageId(messageId).fromAgent(fromAgent).toAgent(toAgent).messageType(messageType)
                .timestamp(timestamp).priority(priority).payload(payload).requiresResponse(requiresResponse)
                .correlationId(correlationId).trustReceipt(trustReceipt).hopCount(hopCount)
                .causalChainId(causalChainId).delivery(delivery).topic(topic);
    }

    /** A message caused by this one (a reply or a forward): same causal chain, one more hop. */
    public Builder caused() {
        return new Builder().causalChainId(causalChainId).hopCount(hopCount + 1).priority(priority);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String messageId;
        private String fromAgent;
        private Recipients toAgent;
        private MessageType messageType;
        private long timestamp = System.currentTimeMillis();
        private Priority priority = Priority.NORMAL;
        private JsonNode payload;
        private boolean requiresResponse;
        private String correlationId;
        private JsonNode trustReceipt;
        private int hopCount;
        private String causalChainId;
        private DeliveryClass delivery;
        private String topic;

        public Builder messageId(String v) { messageId = v; return this; }
        public Builder fromAgent(String v) { fromAgent = v; return this; }
        public Builder toAgent(Recipients v) { toAgent = v; return this; }
        public Builder toAgent(String v) { toAgent = Recipients.of(v); return this; }
        public Builder messageType(MessageType v) { messageType = v; return this; }
        public Builder timestamp(long v) { timestamp = v; return this; }
        public Builder priority(Priority v) { priority = v; return this; }
        public Builder payload(JsonNode v) { payload = v; return this; }
        public Builder requiresResponse(boolean v) { requiresResponse = v; return this; }
        public Builder correlationId(String v) { correlationId = v; return this; }
        public Builder trustReceipt(JsonNode v) { trustReceipt = v; return this; }
        public Builder hopCount(int v) { hopCount = v; return this; }
        public Builder causalChainId(String v) { causalChainId = v; return this; }
        public Builder delivery(DeliveryClass v) { delivery = v; return this; }
        public Builder topic(String v) { topic = v; return this; }

        public Envelope build() {
            if (messageId == null) {
                messageId = Ids.newId();
            }
            return new Envelope(Envelope.PROTOCOL_VERSION, messageId, fromAgent, toAgent, messageType, timestamp,
                    priority, payload, requiresResponse, correlationId, trustReceipt, hopCount, causalChainId,
                    delivery, topic);
        }
    }
}
