package org.symbi.agents;

import org.symbi.protocol.AgentCard;
import org.symbi.sdk.AgentClient;
import org.symbi.sdk.AgentHandler;

/**
 * One of the room's own agents: what it does with its deliveries, the card it registers with, and work of
 * its own between tasks (a monitor's rounds), which starts once it is connected and stops when it is closed.
 */
public interface BuiltInAgent extends AgentHandler, AutoCloseable {

    /** The card this agent registers with under the id its token was issued for. */
    AgentCard card(String agentId);

    /** Called once the client is connected and welcomed. */
    default void connected(AgentClient client) {
    }

    /** Stops the agent's own work; the client is closed after this. */
    @Override
    default void close() {
    }
}
