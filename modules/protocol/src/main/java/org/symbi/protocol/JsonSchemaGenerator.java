package org.symbi.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

import java.util.List;

/**
 * Writes JSON Schema (draft 2020-12) documents from the {@link WireSchema} description. Each document is
 * self-contained: the envelope carries the payload types it refers to under {@code $defs}.
 */
final class JsonSchemaGenerator {
    private static final String DRAFT = "https://json-schema.org/draft/2020-12/schema";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private JsonSchemaGenerator() {
    }

    static ObjectNode document(WireType type) {
        ObjectNode doc = JSON.objectNode();
        doc.put("$schema", DRAFT);
        doc.put("title", type.name());
        doc.setAll(object(type));
        if (type == WireSchema.ENVELOPE) {
            addPayloadRules(doc);
        }
        return doc;
    }

    /**
     * The room's frames, one of them by their {@code frame} field. The envelope a deliver frame embeds sits
     * under {@code $defs} with its payload rules, whose references resolve against this document's root.
     */
    static ObjectNode frameDocument() {
        ObjectNode doc = JSON.objectNode();
        doc.put("$schema", DRAFT);
        doc.put("title", "room_frame");
        doc.put("description", "What the room sends an agent: one frame per WebSocket text message, and the items "
                + "of long-poll responses.");
        doc.put("type", "object");
        ArrayNode oneOf = doc.putArray("oneOf");
        ObjectNode defs = JSON.objectNode();
        for (WireType frame : WireSchema.ROOM_FRAMES) {
            oneOf.add(ref(frame));
            defs.set(frame.name(), object(frame));
        }
        ObjectNode envelope = object(WireSchema.ENVELOPE);
        addPayloadRules(envelope);
        defs.setAll((ObjectNode) envelope.remove("$defs"));
        defs.set(WireSchema.ENVELOPE.name(), envelope);
        doc.set("$defs", defs);
        return doc;
    }

    private static ObjectNode object(WireType type) {
        ObjectNode schema = JSON.objectNode();
        schema.put("description", type.description());
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = JSON.arrayNode();
        for (WireField field : type.fields()) {
            ObjectNode property = kind(field.kind());
            if (!field.required()) {
                property = nullable(property);
            }
            ObjectNode described = JSON.objectNode();
            described.put("description", field.description());
            described.setAll(property);
            if (field.defaultValue() != null) {
                described.set("default", field.defaultValue());
            }
            properties.set(field.name(), described);
            if (field.required()) {
                required.add(field.name());
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        schema.put("additionalProperties", false);
        if (!type.anyOf().isEmpty()) {
            // null counts as absent, so each alternative also needs a non-null value
            ArrayNode anyOf = schema.putArray("anyOf");
            for (String name : type.anyOf()) {
                ObjectNode alternative = anyOf.addObject();
                alternative.putArray("required").add(name);
                alternative.putObject("properties").putObject(name).putObject("not").put("type", "null");
            }
        }
        return schema;
    }

    private static ObjectNode kind(WireKind kind) {
        ObjectNode s = JSON.objectNode();
        switch (kind) {
            case Str str -> {
                s.put("type", "string");
                if (str.minLength() > 0) {
                    s.put("minLength", str.minLength());
                }
                if (str.maxLength() < Integer.MAX_VALUE) {
                    s.put("maxLength", str.maxLength());
                }
                if (str.pattern() != null) {
                    s.put("pattern", str.pattern().pattern());
                }
            }
            case Int i -> s.put("type", "integer").put("minimum", i.min()).put("maximum", i.max());
            case Num n -> {
                s.put("type", "number");
                if (n.min() != null) {
                    s.put("minimum", n.min());
                }
                if (n.max() != null) {
                    s.put("maximum", n.max());
                }
            }
            case Bool b -> s.put("type", "boolean");
            case Choice c -> c.values().forEach(s.putArray("enum")::add);
            case Const c -> s.put("const", c.value());
            case Obj o -> s.setAll(object(o.type()));
            case Embedded e -> s.setAll(ref(e.type()));
            case Tagged t -> s.setAll(tagged(t, object(t.whenPresent()), object(t.otherwise())));
            case AnyObject a -> s.put("type", "object");
            case Payload p -> s.put("type", "object");
            case AnyValue a -> {
                // any JSON value: the empty schema
            }
            case ArrayOf a -> {
                s.put("type", "array");
                s.set("items", kind(a.items()));
                if (a.minItems() > 0) {
                    s.put("minItems", a.minItems());
                }
                s.put("maxItems", a.maxItems());
            }
            case OneOf o -> {
                ArrayNode alternatives = s.putArray("oneOf");
                o.alternatives().forEach(alt -> alternatives.add(kind(alt)));
            }
        }
        return s;
    }

    /** Lets an optional field be null, which the protocol reads as absent. */
    private static ObjectNode nullable(ObjectNode s) {
        JsonNode type = s.get("type");
        if (type != null) {
            s.putArray("type").add(type.asText()).add("null");
        } else if (s.has("enum")) {
            s.withArray("enum").addNull();
        } else if (s.has("const")) {
            JsonNode value = s.remove("const");
            s.putArray("enum").add(value).addNull();
        } else if (!s.isEmpty()) {
            ObjectNode wrapped = JSON.objectNode();
            wrapped.putArray("anyOf").add(s).addObject().put("type", "null");
            return wrapped;
        }
        return s;
    }

    /** The payload's type follows message_type; topic is present exactly for events. */
    private static void addPayloadRules(ObjectNode doc) {
        ObjectNode defs = JSON.objectNode();
        ArrayNode allOf = JSON.arrayNode();
        for (MessageType type : MessageType.values()) {
            ObjectNode payload;
            List<WireType> types;
            switch (WireSchema.payloadOf(type)) {
                case Obj o -> {
                    payload = ref(o.type());
                    types = List.of(o.type());
                }
                case Tagged t -> {
                    payload = tagged(t, ref(t.whenPresent()), ref(t.otherwise()));
                    types = List.of(t.whenPresent(), t.otherwise());
                }
                default -> {
                    continue;
                }
            }
            types.forEach(t -> defs.set(t.name(), object(t)));
            ObjectNode rule = allOf.addObject();
            rule.set("if", messageTypeIs(type));
            ObjectNode then = rule.putObject("then");
            then.putObject("properties").set("payload", payload);
            // an absent payload is {}, which a type with required fields refuses
            if (types.stream().allMatch(t -> t.fields().stream().anyMatch(WireField::required) || !t.anyOf().isEmpty())) {
                then.putArray("required").add("payload");
            }
        }
        WireField topic = WireSchema.ENVELOPE.field("topic");
        ObjectNode topicRule = allOf.addObject();
        topicRule.set("if", messageTypeIs(MessageType.fromWire(topic.onlyWhen().value())));
        ObjectNode then = topicRule.putObject("then");
        then.putArray("required").add(topic.name());
        then.putObject("properties").putObject(topic.name()).put("type", "string");
        topicRule.putObject("else").putObject("properties").putObject(topic.name()).put("type", "null");
        doc.set("allOf", allOf);
        doc.set("$defs", defs);
    }

    private static ObjectNode ref(WireType type) {
        return JSON.objectNode().put("$ref", "#/$defs/" + type.name());
    }

    private static ObjectNode tagged(Tagged kind, ObjectNode whenPresent, ObjectNode otherwise) {
        ObjectNode s = JSON.objectNode();
        ObjectNode condition = s.putObject("if");
        condition.putArray("required").add(kind.tag());
        condition.putObject("properties").putObject(kind.tag()).putObject("not").put("type", "null");
        s.set("then", whenPresent);
        s.set("else", otherwise);
        return s;
    }

    private static ObjectNode messageTypeIs(MessageType type) {
        ObjectNode condition = JSON.objectNode();
        condition.putObject("properties").putObject("message_type").put("const", type.wire());
        condition.set("required", JSON.arrayNode().add("message_type"));
        return condition;
    }
}
