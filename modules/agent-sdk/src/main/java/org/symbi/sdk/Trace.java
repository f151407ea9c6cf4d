package org.symbi.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.symbi.protocol.TraceKind;
import org.symbi.protocol.TraceStep;

/**
 * Trace steps for a task, ready for {@link AgentClient#trace}: what the agent thought, which tools it
 * called, what it saw, what it asked a model and what the model answered.
 */
public final class Trace {
    private Trace() {
    }

    public static TraceStep thought(String taskId, String text) {
        return step(taskId, TraceKind.THOUGHT, text, null, null, null);
    }

    /** @param args the call's arguments as the agent passed them; kept with the tool's name in {@code detail} */
    public static TraceStep toolCall(String taskId, String tool, JsonNode args) {
        ObjectNode detail = JsonNodeFactory.instance.objectNode().put("tool", tool);
        detail.set("args", args);
        return step(taskId, TraceKind.TOOL_CALL, tool, detail, null, null);
    }

    public static TraceStep observation(String taskId, String text) {
        return step(taskId, TraceKind.OBSERVATION, text, null, null, null);
    }

    public static TraceStep llmPrompt(String taskId, String model, String prompt) {
        return step(taskId, TraceKind.LLM_PROMPT, prompt, null, model, null);
    }

    /** @param confidence 0 to 1 as the agent judges the answer, or null */
    public static TraceStep llmResponse(String taskId, String model, String response, Double confidence) {
        return step(taskId, TraceKind.LLM_RESPONSE, response, null, model, confidence);
    }

    public static TraceStep decision(String taskId, String text, Double confidence) {
        return step(taskId, TraceKind.DECISION, text, null, null, confidence);
    }

    private static TraceStep step(String taskId, TraceKind kind, String content, JsonNode detail, String model,
                                  Double confidence) {
        return new TraceStep(taskId, null, kind, content, detail, model, null, confidence);
    }
}
