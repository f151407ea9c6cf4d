package org.symbi.kernel.registry;

/** Raised for an operation naming an agent that never registered. */
public class UnknownAgentException extends RuntimeException {
    private final String agentId;

    public UnknownAgentException(String agentId) {
        super("no agent '" + agentId + "' is registered", null, false, false);
        this.agentId = agentId;
    }

    public String agentId() {
        return agentId;
    }
}
