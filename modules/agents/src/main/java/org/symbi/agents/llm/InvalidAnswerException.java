package org.symbi.agents.llm;

import java.util.List;

/** The model gave no usable answer within the retries: the last answer's problems say why. */
public final class InvalidAnswerException extends LlmException {
    private final List<String> problems;

    public InvalidAnswerException(String message, List<String> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
