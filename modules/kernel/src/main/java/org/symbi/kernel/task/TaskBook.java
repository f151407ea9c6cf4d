package org.symbi.kernel.task;

import org.symbi.kernel.events.EventStream;
import org.symbi.kernel.events.KernelEvent;
import org.symbi.kernel.registry.AgentRegistry;
import org.symbi.protocol.TaskStatus;

import java.time.InstantSource;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.symbi.protocol.TaskStatus.ASSIGNED;
import static org.symbi.protocol.TaskStatus.BLOCKED;
import static org.symbi.protocol.TaskStatus.CANCELLED;
import static org.symbi.protocol.TaskStatus.COMPLETED;
import static org.symbi.protocol.TaskStatus.FAILED;
import static org.symbi.protocol.TaskStatus.PENDING;
import static org.symbi.protocol.TaskStatus.READY;
import static org.symbi.protocol.TaskStatus.RUNNING;
import static org.symbi.protocol.TaskStatus.TIMED_OUT;

/**
 * The tasks under way, in memory and written through to the store. Settled tasks live in the store only
 * and are read back when asked for. Every status change passes through {@link #transition}. Not
 * thread-safe: the task manager holds its lock around every call.
 */
final class TaskBook {
    static final Set<TaskStatus> ACTIVE = EnumSet.of(ASSIGNED, RUNNING);
    /** Statuses no tick moves a task out of; only a person (retry) does. */
    static final Set<TaskStatus> SETTLED = EnumSet.of(COMPLETED, FAILED, CANCELLED, TIMED_OUT, BLOCKED);

    private final TaskStore store;
    private final InstantSource clock;
    private final EventStream events;
    private final AgentRegistry registry;
    private final Map<String, Task> live = new LinkedHashMap<>();

    TaskBook(TaskStore store, InstantSource clock, EventStream events, AgentRegistry registry) {
        this.store = store;
        this.clock = clock;
        this.events = events;
        this.registry = registry;
        for (Task t : store.loadUnsettled(SETTLED)) {
            live.put(t.id(), t);
        }
        live.values().stream().filter(t -> ACTIVE.contains(t.status)).map(t -> t.agent).distinct()
                .forEach(this::refreshLoad);
    }

    /** A snapshot of the tasks under way, in creation order. */
    List<Task> live() {
        return List.copyOf(live.values());
    }

    /** False once the task settled (or was replaced by a fresh copy). */
    boolean isLive(Task t) {
        return live.get(t.id()) == t;
    }

    Optional<Task> find(String taskId) {
        Task t = live.get(taskId);
        return t != null ? Optional.of(t) : store.load(taskId);
    }

    Task require(String taskId) {
        return find(taskId).orElseThrow(() -> new IllegalArgumentException("no task '" + taskId + "'"));
    }

    /** The live copy of a task if there is one, else this one (read from the store). */
    Task current(Task t) {
        return live.getOrDefault(t.id(), t);
    }

    /** Takes in a task just stored by its creation. */
    void admit(Task t) {
        if (!SETTLED.contains(t.status)) {
            live.put(t.id(), t);
        }
        publish(t, null, t.agent);
    }

    /** Brings a settled task back under way (a person retried it); its status changes next. */
    void revive(Task t) {
        live.put(t.id(), t);
    }

    List<String> dependents(String taskId) {
        return store.dependents(taskId);
    }

    /** READY when every dependency completed, BLOCKED when one never will, else PENDING. */
    TaskStatus fromDependencies(Task t) {
        boolean allDone = true;
        for (String dep : t.spec.dependsOn()) {
            TaskStatus s = find(dep).map(d -> d.status).orElse(CANCELLED);
            if (s != COMPLETED) {
                allDone = false;
                if (SETTLED.contains(s)) {
                    return BLOCKED;
                }
            }
        }
        return allDone ? READY : PENDING;
    }

    /** The one place a status changes: persisted, published, and the agents' loads kept in step. */
    void transition(Task t, TaskStatus to, String detail) {
        TaskStatus from = t.status;
        String holder = ACTIVE.contains(from) ? t.agent : null;
        if (to == READY || to == PENDING) {
            t.agent = null;
        }
        t.status = to;
        t.detail = detail;
        t.updatedAt = clock.instant();
        store.update(t);
        if (SETTLED.contains(to)) {
            live.remove(t.id());
        }
        publish(t, from, holder != null ? holder : t.agent);
        if (holder != null) {
            refreshLoad(holder);
        }
        if (ACTIVE.contains(to) && !t.agent.equals(holder)) {
            refreshLoad(t.agent);
        }
    }

    private void publish(Task t, TaskStatus from, String agentId) {
        events.publish(new KernelEvent.TaskStateChanged(t.updatedAt, t.id(), t.spec.workflowId(), t.spec.title(),
                from, t.status, agentId, t.epoch, t.detail));
    }

    private void refreshLoad(String agentId) {
        int n = (int) live.values().stream().filter(t -> ACTIVE.contains(t.status) && agentId.equals(t.agent)).count();
        registry.setActiveTasks(agentId, n);
    }
}
