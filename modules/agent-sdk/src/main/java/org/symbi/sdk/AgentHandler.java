package org.symbi.sdk;

import org.symbi.protocol.Envelope;
import org.symbi.protocol.RoomFrame;
import org.symbi.protocol.TaskSpec;

/**
 * What an agent does with what the room delivers. Each delivery is handled on its own virtual thread, so a
 * handler may block (on a model, a tool, a warrant); it sees each message once, however often the room
 * delivers it.
 */
public interface AgentHandler {

    /**
     * A task assigned to this agent. End it with {@link AgentClient#completeTask} or
     * {@link AgentClient#failTask}, now or later; a handler that throws fails the task with the exception's
     * message.
     *
     * @param request the task_request that carried it
     */
    void onTask(AgentClient client, TaskSpec task, Envelope request);

    /** Any other message: events, invites, status updates, error reports, lock outcomes. */
    default void onMessage(AgentClient client, Envelope message) {
    }

    /** An error frame the room sent about something other than a pending send (a session problem). */
    default void onRoomError(AgentClient client, RoomFrame.Error error) {
        System.getLogger(AgentHandler.class.getName()).log(System.Logger.Level.WARNING,
                "room error {0}: {1}", error.code(), error.message());
    }
}
