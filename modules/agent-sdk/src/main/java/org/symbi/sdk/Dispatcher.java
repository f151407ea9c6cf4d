package org.symbi.sdk;

import org.symbi.protocol.Envelope;
import org.symbi.protocol.MessageType;
import org.symbi.protocol.ProtocolCodec;
import org.symbi.protocol.RoomFrame;
import org.symbi.protocol.TaskSpec;
import org.symbi.protocol.WarrantDecision;

import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Hands what the room delivers to the agent's handler, once per message id, through the client's callback
 * executor (a virtual thread each unless the agent chose otherwise); warrant decisions go to the requests
 * waiting for them first, matched in the order they arrive.
 */
final class Dispatcher {
    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());

    private final AgentClient client;
    private final AgentHandler handler;
    private final ProtocolCodec codec;
    private final SeenMessages seen;
    private final Executor threads;
    final WarrantWaiter warrants;
    /** Tasks handed to the handler and not yet ended, by task id, with the request that carried each. */
    private final Map<String, Envelope> activeTasks = new ConcurrentHashMap<>();

    Dispatcher(AgentClient client, AgentHandler handler, ProtocolCodec codec, int dedupCapacity, Executor threads) {
        this.client = client;
        this.threads = threads;
        this.warrants = new WarrantWaiter(threads);
        this.handler = handler;
        this.codec = codec;
        this.seen = new SeenMessages(dedupCapacity);
    }

    /** Hands a delivered message over unless it was handed over before (an at-least-once redelivery). */
    void deliver(Envelope e) {
        if (seen.firstTime(e.messageId()) && !tookDecision(e)) {
            threads.execute(() -> dispatch(e));
        }
    }

    /**
     * Matched here, on the transport's thread, rather than on a thread of their own: the answers to a request
     * are then seen in the order the room sent them.
     */
    private boolean tookDecision(Envelope e) {
        if (e.messageType() != MessageType.WARRANT_DECISION) {
            return false;
        }
        try {
            return warrants.offer(e, codec.payloadAs(e, WarrantDecision.class));
        } catch (RuntimeException unreadable) {
            LOG.log(Level.WARNING, "unreadable warrant decision " + e.messageId(), unreadable);
            return false;
        }
    }

    void roomError(RoomFrame.Error e) {
        threads.execute(() -> handler.onRoomError(client, e));
    }

    int activeTasks() {
        return activeTasks.size();
    }

    /** The request of a task being ended, or null when the task was not delivered on this client. */
    Envelope taskEnded(String taskId) {
        return activeTasks.remove(taskId);
    }

    private void dispatch(Envelope e) {
        try {
            if (e.messageType() == MessageType.TASK_REQUEST) {
                runTask(e);
            } else {
                handler.onMessage(client, e);
            }
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "handling " + e.messageType().wire() + " " + e.messageId() + " failed", failed);
        }
    }

    private void runTask(Envelope e) {
        TaskSpec task = codec.payloadAs(e, TaskSpec.class);
        activeTasks.put(task.taskId(), e);
        try {
            handler.onTask(client, task, e);
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "task " + task.taskId() + " failed in its handler", failed);
            if (activeTasks.containsKey(task.taskId())) {
                client.failTask(task, String.valueOf(failed.getMessage()));
            }
        }
    }
}
