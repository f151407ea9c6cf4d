package org.symbi.kernel.metrics;

import org.symbi.kernel.events.KernelEvent.TaskStateChanged;
import org.symbi.protocol.TaskStatus;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Follows task state changes: who holds each task and since when (for response times and to blame the
 * right agent for a failed attempt), and which agents worked in each workflow (for collaboration).
 */
final class TaskTracker {
    /** A workflow with no held task and no activity for this long is folded into per-agent totals. */
    static final long WORKFLOW_IDLE_MILLIS = 60 * 60_000L;

    private record Holding(String agentId, long assignedAtMillis, String workflowId) {
    }

    private static final class Workflow {
        final Set<String> agents = ConcurrentHashMap.newKeySet();
        final Map<String, LongAdder> completedBy = new ConcurrentHashMap<>();
        final AtomicInteger held = new AtomicInteger();
        volatile long lastActivityMillis;

        boolean collaborative() {
            return agents.size() >= 2;
        }
    }

    private final Function<String, AgentTally> tallies;
    private final Map<String, Holding> holdings = new ConcurrentHashMap<>();
    private final Map<String, Workflow> workflows = new ConcurrentHashMap<>();

    TaskTracker(Function<String, AgentTally> tallies) {
        this.tallies = tallies;
    }

    void onStateChanged(TaskStateChanged e) {
        long at = e.at().toEpochMilli();
        Workflow wf = e.workflowId() == null ? null : workflows.computeIfAbsent(e.workflowId(), k -> new Workflow());
        if (wf != null) {
            wf.lastActivityMillis = at;
        }
        TaskStatus to = e.to();
        if (to == TaskStatus.ASSIGNED || to == TaskStatus.RUNNING) {
            if (e.agentId() == null) {
                return;
            }
            Holding before = holdings.get(e.taskId());
            if (before != null && before.agentId().equals(e.agentId())) {
                return; // ASSIGNED → RUNNING: the response time runs from the assignment
            }
            holdings.put(e.taskId(), new Holding(e.agentId(), at, e.workflowId()));
            if (before != null) {
                attemptFailed(before); // handed to another agent without the first one finishing
            } else if (wf != null) {
                wf.held.incrementAndGet();
            }
            if (wf != null) {
                wf.agents.add(e.agentId());
            }
            return;
        }
        Holding holding = holdings.remove(e.taskId());
        if (holding != null && wf != null) {
            wf.held.decrementAndGet();
        }
        String agentId = holding != null ? holding.agentId() : e.agentId();
        switch (to) {
            case COMPLETED -> {
                if (agentId == null) {
                    return;
                }
                AgentTally t = tallies.apply(agentId);
                t.completed.increment();
                if (holding != null) {
                    t.responseMillis.add(Math.max(0, at - holding.assignedAtMillis()));
                    t.responses.increment();
                }
                if (wf != null) {
                    wf.agents.add(agentId);
                    wf.completedBy.computeIfAbsent(agentId, k -> new LongAdder()).increment();
                }
            }
            case FAILED, TIMED_OUT -> {
                if (agentId != null) {
                    tallies.apply(agentId).failed.increment();
                }
            }
            // Back to waiting while an agent held it: that agent's attempt failed (it went away or gave up).
            case PENDING, READY, BLOCKED -> {
                if (holding != null) {
                    attemptFailed(holding);
                }
            }
            default -> {
                // CANCELLED: the task's owner withdrew it; no agent's record changes.
            }
        }
    }

    private void attemptFailed(Holding h) {
        tallies.apply(h.agentId()).failed.increment();
    }

    /** Completions per agent in workflows that two or more agents worked on and that are still tracked. */
    Map<String, Long> collaborativeCompletions() {
        Map<String, Long> out = new HashMap<>();
        for (Workflow wf : workflows.values()) {
            if (wf.collaborative()) {
                wf.completedBy.forEach((agent, n) -> out.merge(agent, n.sum(), Long::sum));
            }
        }
        return out;
    }

    /** Workflows that two or more agents worked on and in which some agent holds a task now. */
    int activeCollaborations() {
        int n = 0;
        for (Workflow wf : workflows.values()) {
            if (wf.collaborative() && wf.held.get() > 0) {
                n++;
            }
        }
        return n;
    }

    /** Forgets idle workflows, keeping what they contributed to agents' collaboration scores. */
    void retireIdle(long nowMillis) {
        for (Iterator<Workflow> it = workflows.values().iterator(); it.hasNext(); ) {
            Workflow wf = it.next();
            if (wf.held.get() == 0 && wf.lastActivityMillis < nowMillis - WORKFLOW_IDLE_MILLIS) {
                it.remove();
                if (wf.collaborative()) {
                    wf.completedBy.forEach((agent, n) -> tallies.apply(agent).retiredCollaborative.add(n.sum()));
                }
            }
        }
    }
}
