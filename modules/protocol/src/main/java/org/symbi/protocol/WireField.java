package org.symbi.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One field of a wire object.
 *
 * @param required     whether the field must be present and not null
 * @param defaultValue what an absent field means, or null; documentation for peers, and validated like a value
 * @param onlyWhen     when set, the field is required if the condition holds and must be absent otherwise
 */
record WireField(String name, WireKind kind, boolean required, JsonNode defaultValue, Condition onlyWhen,
                 String description) {

    /** Holds when the sibling {@code field} has the string value {@code value}. */
    record Condition(String field, String value) {
        boolean holds(JsonNode object) {
            JsonNode sibling = object.get(field);
            return sibling != null && value.equals(sibling.textValue());
        }
    }

    static WireField required(String name, WireKind kind, String description) {
        return new WireField(name, kind, true, null, null, description);
    }

    static WireField optional(String name, WireKind kind, String description) {
        return new WireField(name, kind, false, null, null, description);
    }

    WireField withDefault(JsonNode value) {
        return new WireField(name, kind, required, value, onlyWhen, description);
    }

    WireField onlyWhen(String field, String value) {
        return new WireField(name, kind, false, defaultValue, new Condition(field, value), description);
    }
}
