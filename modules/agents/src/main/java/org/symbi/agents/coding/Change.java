package org.symbi.agents.coding;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;

/**
 * What the coding agent did: the model's summary, the edits it applied (staged in the working tree) and the
 * unified diff of what is staged against {@code HEAD}.
 */
public record Change(String summary, List<FileEdit> edits, String diff) {
    public Change {
        edits = List.copyOf(edits);
    }

    /** The task's result: {@code {"summary","files":[{"path","action"}],"diff"}}. */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("summary", summary);
        ArrayNode files = json.putArray("files");
        edits.forEach(e -> files.addObject().put("path", e.path()).put("action", e.action().name().toLowerCase(Locale.ROOT)));
        return json.put("diff", diff);
    }
}
