package org.symbi.protocol;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The JSON shape of a wire value. Read by both the validator and the JSON Schema generator. */
sealed interface WireKind {

    /** What the kind expects, in the words of error messages ("string", "object", "string or array"). */
    String expected();

    /** Whether the node has a JSON type this kind can hold; its value may still be invalid. */
    boolean admits(JsonNode node);

    /**
     * A string; {@code maxLength} in code points as in JSON Schema; {@code pattern} anchored, or null;
     * {@code matches} tests the pattern, by hand where its shape allows ({@link CharClassPattern}).
     */
    record Str(int minLength, int maxLength, Pattern pattern, Predicate<String> matches) implements WireKind {
        Str(int minLength, int maxLength, Pattern pattern) {
            this(minLength, maxLength, pattern, pattern == null ? value -> true
                    : CharClassPattern.of(pattern).orElseGet(() -> value -> pattern.matcher(value).matches()));
        }
        public String expected() { return "string"; }
        public boolean admits(JsonNode node) { return node.isTextual(); }
    }

    /** An integer; a number with a zero fraction counts, as in JSON Schema. */
    record Int(long min, long max) implements WireKind {
        public String expected() { return "integer"; }
        public boolean admits(JsonNode node) { return node.isNumber(); }
    }

    /** Any number; null bounds are open. */
    record Num(BigDecimal min, BigDecimal max) implements WireKind {
        public String expected() { return "number"; }
        public boolean admits(JsonNode node) { return node.isNumber(); }
    }

    record Bool() implements WireKind {
        public String expected() { return "boolean"; }
        public boolean admits(JsonNode node) { return node.isBoolean(); }
    }

    /** One of a fixed set of strings; {@code code} is what a value outside the set is reported as. */
    record Choice(List<String> values, ProtocolException.Code code) implements WireKind {
        static <E extends Enum<E>> Choice of(Class<E> type, ProtocolException.Code code) {
            return new Choice(Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).toList(), code);
        }
        public String expected() { return "string"; }
        public boolean admits(JsonNode node) { return node.isTextual(); }
    }

    /** Exactly this string. */
    record Const(String value, ProtocolException.Code code) implements WireKind {
        public String expected() { return "string"; }
        public boolean admits(JsonNode node) { return node.isTextual(); }
    }

    record Obj(WireType type) implements WireKind {
        public String expected() { return "object"; }
        public boolean admits(JsonNode node) { return node.isObject(); }
    }

    /**
     * A whole document of another type carried inside this one (the envelope of a deliver frame): its depth
     * counts from itself, and schemas refer to it rather than repeat it.
     */
    record Embedded(WireType type) implements WireKind {
        public String expected() { return "object"; }
        public boolean admits(JsonNode node) { return node.isObject(); }
    }

    /** An object whose content the protocol leaves to others (a trust receipt, an event's payload). */
    record AnyObject() implements WireKind {
        public String expected() { return "object"; }
        public boolean admits(JsonNode node) { return node.isObject(); }
    }

    /** Any JSON value (a task's input, its result). */
    record AnyValue() implements WireKind {
        public String expected() { return "any value"; }
        public boolean admits(JsonNode node) { return true; }
    }

    record ArrayOf(WireKind items, int minItems, int maxItems) implements WireKind {
        public String expected() { return "array"; }
        public boolean admits(JsonNode node) { return node.isArray(); }
    }

    /** The first alternative that admits the value decides; alternatives must not overlap. */
    record OneOf(List<WireKind> alternatives) implements WireKind {
        public String expected() {
            return alternatives.stream().map(WireKind::expected).distinct().collect(Collectors.joining(" or "));
        }
        public boolean admits(JsonNode node) {
            for (WireKind a : alternatives) {
                if (a.admits(node)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** An object of one type when it has the (non-null) field {@code tag}, of another otherwise. */
    record Tagged(String tag, WireType whenPresent, WireType otherwise) implements WireKind {
        WireType typeOf(JsonNode node) {
            JsonNode value = node.get(tag);
            return value != null && !value.isNull() ? whenPresent : otherwise;
        }
        public String expected() { return "object"; }
        public boolean admits(JsonNode node) { return node.isObject(); }
    }

    /** The envelope's payload: an object of the kind {@link WireSchema#payloadOf} gives for its message_type. */
    record Payload() implements WireKind {
        public String expected() { return "object"; }
        public boolean admits(JsonNode node) { return node.isObject(); }
    }
}
