package org.symbi.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
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

    private final JsonMapper mapper;
    private final JsonMapper frameMapper;
    private final WireValidator validator;

    public ProtocolCodec() {
        this(ProtocolLimits.DEFAULTS);
    }

    public ProtocolCodec(ProtocolLimits limits) {
        this.limits = limits;
        this.validator = new WireValidator(limits);
        this.mapper = mapper(limits.maxFrameBytes(), limits.maxDepth(), limits.maxStringLength());
        // a deliver frame wraps an envelope: one level deeper and a little longer than the envelope may be
        this.frameMapper = mapper(limits.maxFrameBytes() + FRAME_OVERHEAD_BYTES, limits.maxDepth() + 1,
                limits.maxStringLength());
    }

    private static JsonMapper mapper(int maxBytes, int maxDepth, int maxStringLength) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxDocumentLength(maxBytes)
                        .maxNestingDepth(maxDepth)
                        .maxStringLength(maxStringLength)
                        .build())
                .build();
        return JsonMapper.builder(factory)
                // duplicate keys found while the tree is built, by the map's own insert, rather than by a
                // streaming check that keeps a set of names for every object
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // Decimals as BigDecimal, unstripped, so numbers in untyped content survive a round trip exactly.
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                        JsonInclude.Include.NON_NULL))
                .build();
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
        checkSize(utf8Length(frame, limits.maxFrameBytes()), limits.maxFrameBytes());
        return envelopeOf(parse(mapper, m -> m.createParser(frame), "$"));
    }

    public Envelope decode(byte[] frame) {
        checkSize(frame.length, limits.maxFrameBytes());
        return envelopeOf(parse(mapper, m -> m.createParser(frame), "$"));
    }

    private static void checkSize(long bytes, int max) {
        if (bytes > max) {
            throw new ProtocolException(Code.TOO_LARGE, "$", "frame of " + bytes + " bytes exceeds the limit of " + max);
        }
    }

    /**
     * The length of {@code text} in UTF-8, counted only when it could exceed {@code max}: a character takes at
     * most three bytes (a surrogate pair, two characters, four).
     */
    static long utf8Length(String text, int max) {
        int chars = text.length();
        if ((long) chars * 3 <= max) {
            return chars;
        }
        long bytes = 0;
        for (int i = 0; i < chars; i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }

    private Envelope envelopeOf(JsonNode root) {
        if (!root.isObject()) {
            throw new ProtocolException(Code.WRONG_TYPE, "$", "expected object, got " + WireValidator.jsonType(root));
        }
        validator.validateEnvelope(root);
        return toEnvelope(root);
    }

    public RoomFrame decodeFrame(String frame) {
        int max = limits.maxFrameBytes() + FRAME_OVERHEAD_BYTES;
        checkSize(utf8Length(frame, max), max);
        return roomFrameOf(parse(frameMapper, m -> m.createParser(frame), "$"));
    }

    /** Strict like {@link #decode}; limits are the envelope's plus {@link #FRAME_OVERHEAD_BYTES} and one level. */
    public RoomFrame decodeFrame(byte[] frame) {
        int max = limits.maxFrameBytes() + FRAME_OVERHEAD_BYTES;
        checkSize(frame.length, max);
        return roomFrameOf(parse(frameMapper, m -> m.createParser(frame), "$"));
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
        JsonNode node = parse(mapper, m -> m.createParser(json), "$.payload");
        WireSchema.forRecord(record.getClass()).ifPresent(wire -> validator.validatePayload(wire, node));
        return node;
    }

    /** Opens a parser on the input at hand, bytes or characters. */
    private interface Input {
        JsonParser open(JsonMapper mapper) throws IOException;
    }

    /** @param at the JSON path of the parsed value, for error messages */
    private JsonNode parse(JsonMapper mapper, Input input, String at) {
        JsonParser parser = null;
        try {
            parser = input.open(mapper);
            JsonNode root = mapper.readTree(parser);
            if (root == null || root.isMissingNode()) {
                throw new ProtocolException(Code.MALFORMED_JSON, at, "empty frame");
            }
            return root;
        } catch (StreamConstraintsException e) {
            throw breach(e, pathOf(parser, at));
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new ProtocolException(Code.MALFORMED_JSON, pathOf(parser, at), "malformed JSON" + where + ": "
                    + withoutJacksonTerms(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new ProtocolException(Code.MALFORMED_JSON, at, "unreadable frame: " + e.getMessage(), e);
        } catch (NumberFormatException e) {
            // valid JSON, but an exponent beyond what a decimal can hold (e.g. 1e9999999999)
            throw new ProtocolException(Code.INVALID_VALUE, pathOf(parser, at), "number out of range: "
                    + e.getMessage(), e);
        } finally {
            if (parser != null) {
                try {
                    parser.close();
                } catch (IOException ignored) {
                    // reading from memory: nothing to release
                }
            }
        }
    }

    /** "Duplicate field 'x'", without the node class and feature that Jackson names after it. */
    private static String withoutJacksonTerms(String message) {
        int internals = message.indexOf(" for `");
        return internals > 0 && message.startsWith("Duplicate field") ? message.substring(0, internals) : message;
    }

    /** Says which limit a frame broke in the codec's terms; Jackson's own wording names its internals. */
    private ProtocolException breach(StreamConstraintsException e, String path) {
        String message = e.getOriginalMessage();
        if (message.startsWith("Document nesting depth")) {
            return new ProtocolException(Code.TOO_DEEP, path, "nesting depth exceeds the limit of "
                    + limits.maxDepth(), e);
        }
        if (message.startsWith("String value length")) {
            return new ProtocolException(Code.TOO_LARGE, path, "string exceeds the limit of "
                    + limits.maxStringLength() + " characters", e);
        }
        if (message.startsWith("Document length")) {
            return new ProtocolException(Code.TOO_LARGE, "$", "frame exceeds the limit of "
                    + limits.maxFrameBytes() + " bytes", e);
        }
        return new ProtocolException(Code.TOO_LARGE, path, message, e);
    }

    /** The JSON path the parser had reached, for errors found while parsing. */
    private static String pathOf(JsonParser parser, String at) {
        if (parser == null) {
            return at;
        }
        List<String> steps = new ArrayList<>();
        for (JsonStreamContext c = parser.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                steps.addFirst(WireValidator.child("", c.getCurrentName()));
            } else if (c.inArray() && c.getCurrentIndex() >= 0) {
                steps.addFirst("[" + c.getCurrentIndex() + "]");
            }
        }
        return at + String.join("", steps);
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
