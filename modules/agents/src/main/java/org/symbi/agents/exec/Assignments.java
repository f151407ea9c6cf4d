package org.symbi.agents.exec;

import org.symbi.protocol.TaskSpec;
import org.symbi.sdk.AgentClient;
import org.symbi.sdk.Trace;

import java.util.HashMap;
import java.util.Map;

/**
 * The tasks an agent is at work on. When work takes longer than the room's task timeout (a test run waiting
 * for fixes, a deploy waiting for approvers), the room assigns the task again, under a new epoch, possibly to
 * the same agent. That agent must not start the work twice: the work under way ends the task under the
 * newest assignment instead.
 */
public final class Assignments {
    private final Map<String, TaskSpec> working = new HashMap<>();

    /** Runs the work on a task, unless work on it is under way here already. */
    public void run(AgentClient client, TaskSpec task, Runnable work) {
        if (!begin(task)) {
            client.trace(Trace.thought(task.taskId(), "Assigned again while still at work on it: the work under "
                    + "way answers this assignment."));
            return;
        }
        try {
            work.run();
        } finally {
            end(task);
        }
    }

    /**
     * @return true when the caller is to work on the task; false when work on it is under way here, which
     *         now answers this assignment
     */
    synchronized boolean begin(TaskSpec task) {
        TaskSpec current = working.get(task.taskId());
        if (current == null) {
            working.put(task.taskId(), task);
            return true;
        }
        if (epoch(task) > epoch(current)) {
            working.put(task.taskId(), task);
        }
        return false;
    }

    /** Ends the work on a task; answers the assignment its result must name, the newest one. */
    public synchronized TaskSpec end(TaskSpec task) {
        TaskSpec newest = working.remove(task.taskId());
        return newest != null && epoch(newest) > epoch(task) ? newest : task;
    }

    private static long epoch(TaskSpec t) {
        return t.epoch() == null ? 0 : t.epoch();
    }
}
