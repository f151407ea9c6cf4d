package org.symbi.agents.llm;

/** A model call that failed: the provider refused or could not be reached, or the budget ran out. */
public class LlmException extends RuntimeException {
    public LlmException(String message) {
        super(message);
    }

    public LlmException(String message, Throwable cause) {
        super(message, cause);
    }
}
