package org.symbi.agents;

import org.symbi.protocol.AgentCard;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.RoomFrame;
import org.symbi.protocol.TaskSpec;
import org.symbi.sdk.AgentClient;
import org.symbi.sdk.AgentHandler;

import java.util.function.Function;

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

    /**
     * A handler that has no work of its own, with the card it registers with: for agents whose card is a
     * static method, or whose capabilities depend on how they are configured.
     */
    static BuiltInAgent of(AgentHandler handler, Function<String, AgentCard> card) {
        return new BuiltInAgent() {
            @Override
            public AgentCard card(String agentId) {
                return card.apply(agentId);
            }

            @Override
            public void onTask(AgentClient client, TaskSpec task, Envelope request) {
                handler.onTask(client, task, request);
            }

            @Override
            public void onMessage(AgentClient client, Envelope message) {
                handler.onMessage(client, message);
            }

            @Override
            public void onRoomError(AgentClient client, RoomFrame.Error error) {
                handler.onRoomError(client, error);
            }
        };
    }
}
