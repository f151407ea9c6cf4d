package org.symbi.agents.coding;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A model's answer to the coding agent, built for scripted servers. */
final class Edits {
    private final ObjectNode answer = JsonNodeFactory.instance.objectNode();
    private final ArrayNode edits;

    Edits(String summary) {
        answer.put("summary", summary);
        edits = answer.putArray("edits");
    }

    Edits write(String path, String content) {
        edits.addObject().put("path", path).put("action", "write").put("content", content);
        return this;
    }

    Edits delete(String path) {
        edits.addObject().put("path", path).put("action", "delete").put("content", "");
        return this;
    }

    @Override
    public String toString() {
        return answer.toString();
    }
}
