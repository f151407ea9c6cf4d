package org.symbi.agents.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;

/**
 * What an agent made of a model's structured answer: the value it read, or the problems that make the answer
 * unusable, worded so that the model can correct them.
 */
public record Checked<T>(T value, List<String> problems) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public Checked {
        problems = List.copyOf(problems);
    }

    public static <T> Checked<T> ok(T value) {
        return new Checked<>(value, List.of());
    }

    public static <T> Checked<T> invalid(List<String> problems) {
        return new Checked<>(null, problems);
    }

    public boolean isValid() {
        return problems.isEmpty();
    }

    /** The answer as a JSON object; some models wrap it in a Markdown code fence even when asked not to. */
    public static Checked<JsonNode> jsonObject(String text) {
        String t = text.strip();
        if (t.startsWith("```")) {
            int firstLine = t.indexOf('\n');
            int end = t.lastIndexOf("```");
            if (firstLine > 0 && end > firstLine) {
                t = t.substring(firstLine + 1, end);
            }
        }
        try {
            JsonNode root = JSON.readTree(t);
            return root != null && root.isObject() ? ok(root) : invalid(List.of("the answer must be a JSON object"));
        } catch (JsonProcessingException e) {
            return invalid(List.of("the answer is not JSON: " + e.getOriginalMessage()));
        }
    }
}
