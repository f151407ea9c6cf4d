package org.symbi.agents.llm;

import org.symbi.protocol.TraceStep;
import org.symbi.sdk.AgentClient;

/** Where an agent's trace steps go: to the room through its client, or nowhere outside a room. */
@FunctionalInterface
public interface TraceSink {
    TraceSink NONE = step -> { };

    void record(TraceStep step);

    /** Steps reported to the room as the agent's reasoning trace. */
    static TraceSink of(AgentClient client) {
        return client::trace;
    }
}
