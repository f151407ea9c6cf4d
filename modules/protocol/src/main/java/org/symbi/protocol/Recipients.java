package org.symbi.protocol;

import java.util.List;

/**
 * The {@code to_agent} of an envelope: one agent id, a list of ids, or a broadcast to every registered
 * agent. On the wire: {@code "agent-id"}, {@code ["a", "b"]} or {@code "*"}.
 */
public sealed interface Recipients {
    String BROADCAST_WIRE = "*";

    record Direct(String agentId) implements Recipients {
    }

    record ListOf(List<String> agentIds) implements Recipients {
        public ListOf {
            agentIds = List.copyOf(agentIds);
        }
    }

    record Broadcast() implements Recipients {
    }

    Broadcast BROADCAST = new Broadcast();

    static Recipients of(String agentId) {
        return BROADCAST_WIRE.equals(agentId) ? BROADCAST : new Direct(agentId);
    }

    static Recipients of(List<String> agentIds) {
        return new ListOf(agentIds);
    }
}
