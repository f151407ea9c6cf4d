package org.symbi.agents.roles;

import org.symbi.protocol.ModelInfo;
import org.symbi.sdk.AgentClient;

import java.io.IOException;

/** The language model a role works with: one call per task, traced with the task. */
public interface RoleModel {

    /** What the agent's card says about its model. */
    ModelInfo info();

    /**
     * Asks the model, recording the prompt and the answer as {@code llm_prompt} and {@code llm_response}
     * steps of the task's trace.
     *
     * @return the answer, with the model that gave it and what the call used
     * @throws IOException when the model cannot be reached or refuses the call
     */
    Answer ask(AgentClient client, String taskId, String instructions, String task) throws IOException;

    /**
     * @param text         the model's answer
     * @param model        the model that answered
     * @param inputTokens  tokens of the prompt, or null if the model did not say
     * @param outputTokens tokens of the answer, or null if the model did not say
     */
    record Answer(String text, String model, Integer inputTokens, Integer outputTokens, long latencyMillis) {
    }
}
