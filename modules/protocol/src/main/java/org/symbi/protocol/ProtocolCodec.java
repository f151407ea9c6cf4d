package org.symbi.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.symbi.protocol.ProtocolException.Code;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes protocol 1.0 frames. Decoding is strict: limits first, then every field of the envelope
 * and of its payload (typed by message_type) is checked, and any breach is a {@link ProtocolException}.
 * Thread-safe; share one instance.
 */
public final class ProtocolCodec {
    private final ProtocolLimits limits;
    /** Room frames may exceed the frame limit by this much: the deliver frame's own fields around an envelope. */
    public static final int FRAME_OVERHEAD_BYTES = 1024;
    private static final byte[] DELIVER_START = "{\"frame\":\"deliver\",\"delivery_id\":\""
            .getBytes(StandardCharsets.US_ASCII);

    private final StrictJson envelopes;
    private final StrictJson roomFrames;
    private final JsonMapper mapper;
    private final WireValidator validator;

    public ProtocolCodec() {
        this(ProtocolLimits.DEFAULTS);
    }

    public ProtocolCodec(ProtocolLimits limits) {
        this.limits = limits;
        this.validator = new WireValidator(limits);
        this.envelopes = new StrictJson(limits, limits.maxFrameBytes(), limits.maxDepth());
        // a deliver frame wraps an envelope: one level deeper and a little longer than the envelope may be
        this.roomFrames = new StrictJson(limits, limits.maxFrameBytes() + FRAME_OVERHEAD_BYTES, limits.maxDepth() + 1);
        this.mapper = envelopes.mapper();
    }

    /** The mapper behind this codec, for stores that keep protocol records as JSON. */
    public JsonMapper mapper() {
        return mapper;
    }

    public ProtocolLimits limits() {
        return limits;
    }

    /** Parses the characters as they are: a socket's text, already decoded, need not be encoded again. */
    public Envelope decode(String frame) {
        return envelopeOf(envelopes.read(frame));
    }

    public Envelope decode(byte[] frame) {
        return envelopeOf(envelopes.read(frame));
    }

    private Envelope envelopeOf(JsonNode root) {
        if (!root.isObject()) {
            throw new ProtocolException(Code.WRONG_TYPE, "$", "expected object, got " + WireValidator.jsonType(root));
        }
        validator.validateEnvelope(root);
        return toEnvelope(root);
    }

    public RoomFrame decodeFrame(String frame) {
        return roomFrameOf(roomFrames.read(frame));
    }

    /** Strict like {@link #decode}; limits are the envelope's plus {@link #FRAME_OVERHEAD_BYTES} and one level. */
    public RoomFrame decodeFrame(byte[] frame) {
        return roomFrameOf(roomFrames.read(frame));
    }

    private RoomFrame roomFrameOf(JsonNode root) {
        if (!root.isObject()) {
            throw new ProtocolException(Code.WRONG_TYPE, "$", "expected object, got " + WireValidator.jsonType(root));
        }
        WireType type = validator.validateFrame(root);
        if (type == WireSchema.WELCOME_FRAME) {
            return new RoomFrame.Welcome(text(root, "agent_id"), text(root, "session_id"),
                    root.get("heartbeat_interval_ms").longValue(), root.get("window").intValue(),
                    text(root, "protocol_version"));
        }
        if (type == WireSchema.DELIVER_FRAME) {
            return new RoomFrame.Deliver(text(root, "delivery_id"), root.get("attempt").intValue(),
                    toEnvelope(root.get("envelope")));
        }
        if (type == WireSchema.RECEIPT_FRAME) {
            JsonNode interval = root.get("heartbeat_interval_ms");
            return new RoomFrame.Receipt(text(root, "message_id"), RoomFrame.Outcome.fromWire(text(root, "outcome")),
                    text(root, "code"), text(root, "reason"), interval == null ? null : interval.longValue());
        }
        return new RoomFrame.Error(text(root, "code"), text(root, "message"), text(root, "ref_message_id"));
    }

    /** Compact JSON, null fields left out. Does not validate, like {@link #encode}. */
    public byte[] encodeFrame(RoomFrame frame) {
        return switch (frame) {
            case RoomFrame.Deliver d -> encodeDeliver(d.deliveryId(), d.attempt(), encode(d.envelope()));
            case RoomFrame.Welcome w -> encodeFrame(w, g -> {
                g.writeStringField("agent_id", w.agentId());
                g.writeStringField("session_id", w.sessionId());
                g.writeNumberField("heartbeat_interval_ms", w.heartbeatIntervalMs());
                g.writeNumberField("window", w.window());
                g.writeStringField("protocol_version", w.protocolVersion());
            });
            case RoomFrame.Receipt r -> encodeFrame(r, g -> {
                g.writeStringField("message_id", r.messageId());
                g.writeStringField("outcome", r.outcome().wire());
                writeOptional(g, "code", r.code());
                writeOptional(g, "reason", r.reason());
                if (r.heartbeatIntervalMs() != null) {
                    g.writeNumberField("heartbeat_interval_ms", r.heartbeatIntervalMs());
                }
            });
            case RoomFrame.Error e -> encodeFrame(e, g -> {
                g.writeStringField("code", e.code());
                g.writeStringField("message", e.message());
                writeOptional(g, "ref_message_id", e.refMessageId());
            });
        };
    }

    /** The fields of one frame after its {@code frame} tag. */
    private interface FrameFields {
        void write(JsonGenerator g) throws IOException;
    }

    private byte[] encodeFrame(RoomFrame frame, FrameFields fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = mapper.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("frame", frame.frame());
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A deliver frame around an envelope already encoded by {@link #encode}: a message is serialised once, when
     * it is accepted, however often it is delivered.
     */
    public byte[] encodeDeliver(String deliveryId, int attempt, byte[] encodedEnvelope) {
        byte[] id = JsonStringEncoder.getInstance().quoteAsUTF8(deliveryId);
        ByteArrayOutputStream out = new ByteArrayOutputStream(encodedEnvelope.length + id.length + 64);
        out.writeBytes(DELIVER_START);
        out.writeBytes(id);
        out.writeBytes(("\",\"attempt\":" + attempt + ",\"envelope\":").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(encodedEnvelope);
        out.write('}');
        return out.toByteArray();
    }

    public String encodeFrameToString(RoomFrame frame) {
        return new String(encodeFrame(frame), StandardCharsets.UTF_8);
    }

    private static void writeOptional(JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }

    /** Compact JSON, null fields left out. Does not validate: records built in process are trusted. */
    public byte[] encode(Envelope envelope) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        write(envelope, m -> m.createGenerator(out));
        return out.toByteArray();
    }

    /** Like {@link #encode}, written as characters: for a socket's text, which encodes them once itself. */
    public String encodeToString(Envelope envelope) {
        StringWriter out = new StringWriter(256);
        write(envelope, m -> m.createGenerator(out));
        return out.toString();
    }

    /** Opens a generator on the output at hand, bytes or characters. */
    private interface Output {
        JsonGenerator open(JsonMapper mapper) throws IOException;
    }

    private void write(Envelope envelope, Output output) {
        try (JsonGenerator g = output.open(mapper)) {
            write(g, envelope);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The payload as a record. Wire records (those with a published schema, and {@link ModelInfo}) are
     * validated first, so a payload of the wrong shape is reported with its path; other classes are mapped
     * leniently by Jackson.
     */
    public <T> T payloadAs(Envelope envelope, Class<T> type) {
        WireSchema.forRecord(type).ifPresent(wire -> validator.validatePayload(wire, envelope.payload()));
        try {
            return mapper.treeToValue(envelope.payload(), type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ProtocolException(Code.INVALID_VALUE, "$.payload", "cannot be read as "
                    + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A record as a payload, validated when it is a wire record. Goes through bytes so the tree holds the
     * same node types decoding produces, and envelopes compare equal after a round trip.
     */
    public JsonNode toPayload(Object record) {
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serializable as a payload: " + record.getClass().getName(), e);
        }
        JsonNode node = envelopes.readWritten(json, "$.payload");
        WireSchema.forRecord(record.getClass()).ifPresent(wire -> validator.validatePayload(wire, node));
        return node;
    }

    private static Envelope toEnvelope(JsonNode root) {
        JsonNode to = root.get("to_agent");
        Recipients recipients;
        if (to.isArray()) {
            List<String> ids = new ArrayList<>(to.size());
            to.forEach(id -> ids.add(id.textValue()));
            recipients = Recipients.of(ids);
        } else {
            recipients = Recipients.of(to.textValue());
        }
        String priority = text(root, "priority");
        String delivery = text(root, "delivery");
        JsonNode payload = root.get("payload");
        JsonNode receipt = root.get("trust_receipt");
        JsonNode hops = root.get("hop_count");
        return new Envelope(
                text(root, "protocol_version"),
                root.get("message_id").textValue(),
                root.get("from_agent").textValue(),
                recipients,
                MessageType.fromWire(root.get("message_type").textValue()),
                root.get("timestamp").longValue(),
                priority == null ? null : Priority.fromWire(priority),
                payload == null || payload.isNull() ? null : payload,
                root.path("requires_response").asBoolean(false),
                text(root, "correlation_id"),
                receipt == null || receipt.isNull() ? null : receipt,
                hops == null || hops.isNull() ? 0 : hops.intValue(),
                text(root, "causal_chain_id"),
                delivery == null ? null : DeliveryClass.fromWire(delivery),
                text(root, "topic"));
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        return node == null ? null : node.textValue();
    }

    private void write(JsonGenerator g, Envelope e) throws IOException {
        g.writeStartObject();
        g.writeStringField("protocol_version", e.protocolVersion());
        g.writeStringField("message_id", e.messageId());
        g.writeStringField("from_agent", e.fromAgent());
        g.writeFieldName("to_agent");
        switch (e.toAgent()) {
            case Recipients.Direct d -> g.writeString(d.agentId());
            case Recipients.Broadcast b -> g.writeString(Recipients.BROADCAST_WIRE);
            case Recipients.ListOf l -> {
                g.writeStartArray();
                for (String id : l.agentIds()) {
                    g.writeString(id);
                }
                g.writeEndArray();
            }
        }
        g.writeStringField("message_type", e.messageType().wire());
        g.writeNumberField("timestamp", e.timestamp());
        g.writeStringField("priority", e.priority().wire());
        g.writeFieldName("payload");
        mapper.writeTree(g, e.payload());
        g.writeBooleanField("requires_response", e.requiresResponse());
        if (e.correlationId() != null) {
            g.writeStringField("correlation_id", e.correlationId());
        }
        if (e.trustReceipt() != null) {
            g.writeFieldName("trust_receipt");
            mapper.writeTree(g, e.trustReceipt());
        }
        g.writeNumberField("hop_count", e.hopCount());
        g.writeStringField("causal_chain_id", e.causalChainId());
        if (e.delivery() != null) {
            g.writeStringField("delivery", e.delivery().wire());
        }
        if (e.topic() != null) {
            g.writeStringField("topic", e.topic());
        }
        g.writeEndObject();
    }
}
