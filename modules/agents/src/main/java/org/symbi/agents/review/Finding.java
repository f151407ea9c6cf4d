package org.symbi.agents.review;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;

/**
 * Something a review found in a change.
 *
 * @param file the file's path, or null for the change as a whole
 * @param line the line in the new file, or 0 when the finding is not about one line
 */
public record Finding(Category category, Severity severity, String file, int line, String message) {

    /** The questions a review asks of a change (seed 003): is it safe, is it right, is it well written. */
    public enum Category {
        SECURITY, CORRECTNESS, STYLE;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** An error fails the review; a warning and a note are for the author to weigh. */
    public enum Severity {
        ERROR, WARNING, NOTE;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("category", category.wire())
                .put("severity", severity.wire());
        if (file != null) {
            json.put("file", file);
        }
        if (line > 0) {
            json.put("line", line);
        }
        return json.put("message", message);
    }

    /** For traces and summaries: {@code error security Foo.java:12 …}. */
    public String describe() {
        String where = file == null ? "" : " " + file + (line > 0 ? ":" + line : "");
        return severity.wire() + " " + category.wire() + where + ": " + message;
    }
}
