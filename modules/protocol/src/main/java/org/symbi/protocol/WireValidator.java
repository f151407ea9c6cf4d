package org.symbi.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import org.symbi.protocol.ProtocolException.Code;
import org.symbi.protocol.WireKind.AnyObject;
import org.symbi.protocol.WireKind.AnyValue;
import org.symbi.protocol.WireKind.ArrayOf;
import org.symbi.protocol.WireKind.Bool;
import org.symbi.protocol.WireKind.Choice;
import org.symbi.protocol.WireKind.Embedded;
import org.symbi.protocol.WireKind.Const;
import org.symbi.protocol.WireKind.Int;
import org.symbi.protocol.WireKind.Num;
import org.symbi.protocol.WireKind.Obj;
import org.symbi.protocol.WireKind.OneOf;
import org.symbi.protocol.WireKind.Payload;
import org.symbi.protocol.WireKind.Str;
import org.symbi.protocol.WireKind.Tagged;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Checks a JSON tree against a {@link WireType} and throws a {@link ProtocolException} naming the first
 * offending value by its JSON path. Null is the same as absent for optional fields. Stateless.
 */
final class WireValidator {
    /** The frames' tags, in the order of {@link WireSchema#ROOM_FRAMES}. */
    private static final List<String> FRAME_NAMES = WireSchema.ROOM_FRAMES.stream()
            .map(t -> ((Const) t.field("frame").kind()).value()).toList();

    private final ProtocolLimits limits;

    WireValidator(ProtocolLimits limits) {
        this.limits = limits;
    }

    /**
     * Where a value sits, spelled out ({@code $.payload.capabilities[2]}) only when an error names it: every
     * field of every frame passes through the checks, and almost none of them is wrong.
     */
    private record At(At parent, String name, int index) {
        static final At ROOT = new At(null, null, -1);

        At field(String fieldName) {
            return new At(this, fieldName, -1);
        }

        At item(int i) {
            return new At(this, null, i);
        }

        @Override
        public String toString() {
            if (parent == null) {
                return "$";
            }
            return name != null ? child(parent.toString(), name) : parent + "[" + index + "]";
        }
    }

    void validateEnvelope(JsonNode root) {
        check(new Obj(WireSchema.ENVELOPE), root, At.ROOT, 1, null);
    }

    /** Checks a room frame and returns its type, told by its {@code frame} field. */
    WireType validateFrame(JsonNode root) {
        JsonNode tag = root.get("frame");
        if (tag == null) {
            throw new ProtocolException(Code.MISSING_FIELD, "$.frame", "missing required field");
        }
        if (!tag.isTextual()) {
            throw new ProtocolException(Code.WRONG_TYPE, "$.frame", "expected string, got " + jsonType(tag));
        }
        int index = FRAME_NAMES.indexOf(tag.textValue());
        if (index < 0) {
            throw new ProtocolException(Code.INVALID_VALUE, "$.frame", "expected one of "
                    + String.join(", ", FRAME_NAMES) + ", got " + quote(tag.textValue()));
        }
        WireType type = WireSchema.ROOM_FRAMES.get(index);
        checkObject(type, root, At.ROOT, 1);
        return type;
    }

    /** Checks a payload as it sits in an envelope: at {@code $.payload}, one level deep. */
    void validatePayload(WireType type, JsonNode payload) {
        check(new Obj(type), payload, At.ROOT.field("payload"), 2, null);
    }

    /**
     * @param depth  the nesting depth the node has if it is an object or array
     * @param parent the object holding the node, for kinds that depend on a sibling
     */
    private void check(WireKind kind, JsonNode node, At at, int depth, JsonNode parent) {
        checkLimits(node, at, depth);
        if (!kind.admits(node)) {
            throw wrongType(kind, node, at);
        }
        switch (kind) {
            case Str s -> checkString(s, node.textValue(), at);
            case Int i -> checkInteger(i, node, at);
            case Num n -> checkRange(n.min(), n.max(), node.decimalValue(), at);
            case Choice c -> {
                if (!c.values().contains(node.textValue())) {
                    throw new ProtocolException(c.code(), at.toString(), "expected one of "
                            + String.join(", ", c.values()) + ", got " + quote(node.textValue()));
                }
            }
            case Const c -> {
                if (!c.value().equals(node.textValue())) {
                    throw new ProtocolException(c.code(), at.toString(), "expected " + quote(c.value()) + ", got "
                            + quote(node.textValue()));
                }
            }
            case Obj o -> checkObject(o.type(), node, at, depth);
            // judged as if it stood alone, so an envelope the room accepted is never refused once wrapped
            case Embedded e -> checkObject(e.type(), node, at, 1);
            case ArrayOf a -> checkArray(a, node, at, depth);
            case OneOf o -> checkOneOf(o, node, at, depth, parent);
            case Payload p -> check(WireSchema.payloadOf(MessageType.fromWire(parent.get("message_type").textValue())),
                    node, at, depth, parent);
            case Tagged t -> checkObject(t.typeOf(node), node, at, depth);
            case AnyObject a -> checkTree(node, at, depth);
            case AnyValue a -> checkTree(node, at, depth);
            case Bool b -> {
                // the type is all there is to check
            }
        }
    }

    private void checkObject(WireType type, JsonNode node, At at, int depth) {
        // Declared fields first, in order: the envelope's protocol_version and message_type are judged
        // before anything that depends on them.
        int declaredPresent = 0;
        for (WireField field : type.fields()) {
            JsonNode value = node.get(field.name());
            if (value != null) {
                declaredPresent++;
            }
            At fieldAt = at.field(field.name());
            boolean present = value != null && !value.isNull();
            boolean required = field.required() || field.onlyWhen() != null && field.onlyWhen().holds(node);
            if (!present && required) {
                if (value == null) {
                    throw new ProtocolException(Code.MISSING_FIELD, fieldAt.toString(),
                            "missing required field");
                }
                throw wrongType(field.kind(), value, fieldAt);
            }
            if (present && field.onlyWhen() != null && !required) {
                throw new ProtocolException(Code.INVALID_VALUE, fieldAt.toString(), "only allowed when "
                        + field.onlyWhen().field() + " is " + quote(field.onlyWhen().value()));
            }
            if (!present && field.defaultValue() != null) {
                // an absent field means its default, which must itself be valid (an empty payload may not be)
                value = field.defaultValue();
                present = true;
            }
            if (present) {
                check(field.kind(), value, fieldAt, depth + 1, node);
            }
        }
        if (!type.anyOf().isEmpty() && noneOf(type.anyOf(), node)) {
            throw new ProtocolException(Code.MISSING_FIELD, at.field(type.anyOf().getFirst()).toString(),
                    "missing required field (one of " + String.join(", ", type.anyOf()) + " is required)");
        }
        // more fields than declared ones present: look for the stranger (rare, so a scan is fine)
        if (node.size() > declaredPresent) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (type.field(e.getKey()) == null) {
                    throw new ProtocolException(Code.UNKNOWN_FIELD, at.field(e.getKey()).toString(), "unknown field");
                }
            }
        }
    }

    private static boolean noneOf(List<String> fields, JsonNode node) {
        for (String f : fields) {
            JsonNode value = node.get(f);
            if (value != null && !value.isNull()) {
                return false;
            }
        }
        return true;
    }

    private void checkArray(ArrayOf kind, JsonNode node, At at, int depth) {
        if (node.size() < kind.minItems()) {
            throw new ProtocolException(Code.INVALID_VALUE, at.toString(), "must have at least " + kind.minItems()
                    + (kind.minItems() == 1 ? " item" : " items"));
        }
        if (node.size() > kind.maxItems()) {
            throw new ProtocolException(Code.INVALID_VALUE, at.toString(), "must have at most " + kind.maxItems()
                    + " items, got " + node.size());
        }
        for (int i = 0; i < node.size(); i++) {
            check(kind.items(), node.get(i), at.item(i), depth + 1, node);
        }
    }

    private void checkOneOf(OneOf kind, JsonNode node, At at, int depth, JsonNode parent) {
        ProtocolException last = null;
        WireKind otherConstant = null;
        for (WireKind alternative : kind.alternatives()) {
            if (!alternative.admits(node)) {
                continue;
            }
            // A constant beside other strings ("*" beside an agent id) is tried only if it is the value, or
            // if nothing else could be: failing it first would cost an exception for nearly every message.
            if (alternative instanceof Const c && !c.value().equals(node.textValue())) {
                otherConstant = alternative;
                continue;
            }
            try {
                check(alternative, node, at, depth, parent);
                return;
            } catch (ProtocolException e) {
                last = e;
            }
        }
        if (last == null) {
            check(otherConstant, node, at, depth, parent);
        }
        throw last;
    }

    private static void checkString(Str kind, String value, At at) {
        int length = value.codePointCount(0, value.length());
        if (length < kind.minLength()) {
            throw new ProtocolException(Code.INVALID_VALUE, at.toString(), "must not be empty");
        }
        if (length > kind.maxLength()) {
            throw new ProtocolException(Code.INVALID_VALUE, at.toString(), "must be at most " + kind.maxLength()
                    + " characters, got " + length);
        }
        if (!kind.matches().test(value)) {
            throw new ProtocolException(Code.INVALID_VALUE, at.toString(), quote(value) + " does not match "
                    + kind.pattern().pattern());
        }
    }

    private static void checkInteger(Int kind, JsonNode node, At at) {
        if (node.canConvertToExactIntegral() && node.canConvertToLong()) {
            long value = node.longValue();
            if (value < kind.min() || value > kind.max()) {
                checkRange(BigDecimal.valueOf(kind.min()), BigDecimal.valueOf(kind.max()), BigDecimal.valueOf(value), at);
            }
            return;
        }
        BigDecimal value = node.decimalValue();
        // stripTrailingZeros stays cheap on huge exponents, unlike converting to BigInteger
        if (!node.isIntegralNumber() && value.stripTrailingZeros().scale() > 0) {
            throw new ProtocolException(Code.WRONG_TYPE, at.toString(), "expected integer, got number " + node.asText());
        }
        checkRange(BigDecimal.valueOf(kind.min()), BigDecimal.valueOf(kind.max()), value, at);
    }

    private static void checkRange(BigDecimal min, BigDecimal max, BigDecimal value, At at) {
        if (min != null && value.compareTo(min) < 0) {
            throw new ProtocolException(Code.INVALID_VALUE, at.toString(), "must be >= " + min.toPlainString()
                    + ", got " + value);
        }
        if (max != null && value.compareTo(max) > 0) {
            throw new ProtocolException(Code.INVALID_VALUE, at.toString(), "must be <= " + max.toPlainString()
                    + ", got " + value);
        }
    }

    /** Walks content the protocol does not type, for the limits alone. */
    private void checkTree(JsonNode node, At at, int depth) {
        checkLimits(node, at, depth);
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                checkTree(e.getValue(), at.field(e.getKey()), depth + 1);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkTree(node.get(i), at.item(i), depth + 1);
            }
        }
    }

    private void checkLimits(JsonNode node, At at, int depth) {
        if (node.isContainerNode() && depth > limits.maxDepth()) {
            throw new ProtocolException(Code.TOO_DEEP, at.toString(), "nesting depth exceeds the limit of "
                    + limits.maxDepth());
        }
        if (node.isTextual() && node.textValue().length() > limits.maxStringLength()) {
            throw new ProtocolException(Code.TOO_LARGE, at.toString(), "string exceeds the limit of "
                    + limits.maxStringLength() + " characters");
        }
    }

    private static ProtocolException wrongType(WireKind kind, JsonNode node, At at) {
        return new ProtocolException(Code.WRONG_TYPE, at.toString(), "expected " + kind.expected() + ", got "
                + jsonType(node));
    }

    static String jsonType(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT, POJO -> "object";
            case ARRAY -> "array";
            case STRING, BINARY -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case NULL, MISSING -> "null";
        };
    }

    /** {@code $.a.b} for plain names, {@code $['odd name']} for the rest. */
    static String child(String path, String name) {
        if (isPlainName(name)) {
            return path + "." + name;
        }
        return path + "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    /** {@code [A-Za-z_][A-Za-z0-9_]*}, by hand: this runs for every field of every frame. */
    private static boolean isPlainName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            if (!letter && (i == 0 || c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    /** A value quoted for a message, cut short so a hostile value cannot flood logs. */
    private static String quote(String value) {
        String shown = value.length() > 64 ? value.substring(0, 64) + "..." : value;
        return "\"" + shown.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
