package org.symbi.governance;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A concrete action an agent asks to perform. The resources it touches are read from well-known argument
 * fields: {@code repository}, {@code branch}, {@code path} or {@code paths}, {@code environment}.
 *
 * @param warrantId the warrant the agent acts under, or null to let governance pick a matching one
 * @param reasoning the requester's explanation, shown to approvers
 * @param taskId    the task the action belongs to, or null
 */
public record GatedAction(String kind, JsonNode args, String warrantId, String reasoning, String taskId) {
    public GatedAction {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(args, "args");
        if (!args.isObject()) {
            throw new IllegalArgumentException("action arguments must be a JSON object");
        }
    }

    public String repository() {
        return text("repository");
    }

    public String branch() {
        return text("branch");
    }

    public String environment() {
        return text("environment");
    }

    /** Every path the action touches, from {@code path} and {@code paths}. */
    public List<String> paths() {
        List<String> out = new ArrayList<>();
        JsonNode one = args.get("path");
        if (one != null && one.isTextual()) {
            out.add(one.asText());
        }
        JsonNode many = args.get("paths");
        if (many != null && many.isArray()) {
            many.forEach(p -> out.add(p.asText()));
        }
        return out;
    }

    private String text(String field) {
        JsonNode n = args.get(field);
        return n != null && n.isValueNode() ? n.asText() : null;
    }
}
