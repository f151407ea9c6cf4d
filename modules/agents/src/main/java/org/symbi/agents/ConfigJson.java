package org.symbi.agents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads the room's configuration files for built-in agents ({@code repositories.json},
 * {@code environments.json}): one list of entries under a key, each entry a JSON object whose fields are
 * checked by name and type. A wrong field fails with the field's name, and a file's loader adds the file's.
 */
public final class ConfigJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigJson() {
    }

    /**
     * The entries of a file {@code {"KEY": [ … ]}}.
     *
     * @throws IllegalArgumentException naming the file when it is not JSON or not of that shape
     */
    public static List<JsonNode> entries(Path file, String key) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode list = root == null ? null : root.get(key);
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException(file + ": expected {\"" + key + "\": [ … ]}");
        }
        List<JsonNode> entries = new ArrayList<>();
        list.forEach(entries::add);
        return entries;
    }

    /** Refuses fields other than {@code known}; {@code where} names the entry in the message. */
    public static void refuseUnknown(JsonNode node, Set<String> known, String where) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + " must be a JSON object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!known.contains(field)) {
                throw new IllegalArgumentException(where + ": unknown field \"" + field + "\" (known: "
                        + known.stream().sorted().toList() + ")");
            }
        }
    }

    /** A non-empty string, or {@code otherwise} when the field is absent or null. */
    public static String text(JsonNode node, String field, String otherwise) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return otherwise;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a non-empty string");
        }
        return v.asText();
    }

    /** A non-empty string that must be there. */
    public static String requiredText(JsonNode node, String field) {
        String v = text(node, field, null);
        if (v == null) {
            throw new IllegalArgumentException("\"" + field + "\" is required");
        }
        return v;
    }

    public static List<String> texts(JsonNode node, String field, List<String> otherwise) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return otherwise;
        }
        if (!v.isArray()) {
            throw new IllegalArgumentException("\"" + field + "\" must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                throw new IllegalArgumentException("\"" + field + "\" must be an array of strings");
            }
            out.add(item.asText());
        }
        return out;
    }

    public static boolean flag(JsonNode node, String field, boolean otherwise) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return otherwise;
        }
        if (!v.isBoolean()) {
            throw new IllegalArgumentException("\"" + field + "\" must be true or false");
        }
        return v.asBoolean();
    }

    /** A whole number at least {@code min}. */
    public static int integer(JsonNode node, String field, int otherwise, int min) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return otherwise;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min) {
            throw new IllegalArgumentException("\"" + field + "\" must be a whole number of at least " + min);
        }
        return v.asInt();
    }

    /** A duration written as the settings write them: {@code "30s"}, {@code "5m"}, {@code "PT30S"}. */
    public static Duration duration(JsonNode node, String field, Duration otherwise) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return otherwise;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a duration such as \"30s\", \"5m\" or "
                    + "\"PT30S\"");
        }
        return AgentEnv.parseDuration("\"" + field + "\"", v.asText());
    }
}
