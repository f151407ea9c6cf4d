package org.symbi.agents.git;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** The fields of a git task's input, read with messages that say which field is wrong and how. */
final class TaskInput {
    private final JsonNode input;

    TaskInput(JsonNode input) {
        if (input == null || !input.isObject()) {
            throw new GitFailure("a git task needs an input object such as {\"op\": \"branch\", \"repository\": …}");
        }
        this.input = input;
    }

    JsonNode raw() {
        return input;
    }

    JsonNode node(String field) {
        JsonNode v = input.get(field);
        return v == null || v.isNull() ? null : v;
    }

    /** A text field, or null when absent. */
    String text(String field) {
        JsonNode v = node(field);
        if (v == null) {
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new GitFailure("input field \"" + field + "\" must be a non-empty string");
        }
        return v.asText();
    }

    String required(String field) {
        String v = text(field);
        if (v == null) {
            throw new GitFailure("input field \"" + field + "\" is required for op \""
                    + input.path("op").asText() + "\"");
        }
        return v;
    }

    List<String> texts(String field) {
        JsonNode v = node(field);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new GitFailure("input field \"" + field + "\" must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual() || item.asText().isBlank()) {
                throw new GitFailure("input field \"" + field + "\" must be an array of non-empty strings");
            }
            out.add(item.asText());
        }
        return out;
    }
}
