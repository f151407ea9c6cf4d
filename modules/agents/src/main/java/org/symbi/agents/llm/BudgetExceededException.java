package org.symbi.agents.llm;

/** A model call that would go, or went, beyond what its task may spend. */
public final class BudgetExceededException extends LlmException {
    public BudgetExceededException(String message) {
        super(message);
    }
}
