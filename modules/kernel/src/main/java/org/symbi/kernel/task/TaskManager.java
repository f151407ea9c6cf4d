package org.symbi.kernel.task;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.core.IntervalFunction;
import org.symbi.kernel.KernelConfig;
import org.symbi.kernel.bus.SendResult;
import org.symbi.kernel.events.EventStream;
import org.symbi.kernel.events.KernelEvent;
import org.symbi.kernel.guard.Guards;
import org.symbi.kernel.registry.AgentRegistry;
import org.symbi.kernel.registry.AgentView;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.Ids;
import org.symbi.protocol.MessageType;
import org.symbi.protocol.TaskOutcome;
import org.symbi.protocol.TaskResult;
import org.symbi.protocol.TaskSpec;
import org.symbi.protocol.TaskStatus;
import org.symbi.store.Database;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.symbi.protocol.TaskStatus.ASSIGNED;
import static org.symbi.protocol.TaskStatus.BLOCKED;
import static org.symbi.protocol.TaskStatus.CANCELLED;
import static org.symbi.protocol.TaskStatus.COMPLETED;
import static org.symbi.protocol.TaskStatus.FAILED;
import static org.symbi.protocol.TaskStatus.PENDING;
import static org.symbi.protocol.TaskStatus.READY;
import static org.symbi.protocol.TaskStatus.TIMED_OUT;

/**
 * Tasks and workflows: creation, routing, assignment epochs, retries, timeouts, reassignment.
 * <p>
 * Every assignment gets a new epoch, and a result is applied only when it answers the current assignment
 * (same agent, same epoch), so a late answer from an agent whose work was taken away can never overwrite the
 * work of its successor. Refused results are recorded. Tasks under way are held in memory and written
 * through to the database on every change; settled ones (completed, failed, cancelled, timed out, blocked)
 * are read from the database when asked for.
 */
public final class TaskManager {
    /** Failed attempts after which a task fails for good. */
    public static final int MAX_ATTEMPTS = 3;
    private static final IntervalFunction BACKOFF =
            IntervalFunction.ofExponentialBackoff(Duration.ofSeconds(2), 2.0, Duration.ofMinutes(2));
    private static final Set<TaskStatus> RETRYABLE = EnumSet.of(FAILED, CANCELLED, TIMED_OUT, BLOCKED);

    private final ObjectMapper json;
    private final KernelConfig config;
    private final InstantSource clock;
    private final EventStream events;
    private final AgentRegistry registry;
    private final Guards guards;
    private final Function<Envelope, CompletableFuture<SendResult>> dispatcher;
    /** The tasks whose agents wait for people to decide an approval; their time does not run out meanwhile. */
    private final Supplier<Set<String>> awaitingPeople;
    private final TaskStore store;
    private final TaskBook book;
    /**
     * After a restart every agent starts offline, and one that never comes back is never swept; from this
     * instant on (one heartbeat timeout after start) its assignments are taken back.
     */
    private final Instant orphansFrom;

    public TaskManager(Database db, ObjectMapper json, KernelConfig config, InstantSource clock, EventStream events,
                       AgentRegistry registry, Guards guards, Function<Envelope, CompletableFuture<SendResult>> dispatcher,
                       Supplier<Set<String>> awaitingPeople) {
        this.json = json;
        this.config = config;
        this.clock = clock;
        this.events = events;
        this.registry = registry;
        this.guards = guards;
        this.dispatcher = dispatcher;
        this.awaitingPeople = awaitingPeople;
        this.store = new TaskStore(db, json);
        this.book = new TaskBook(store, clock, events, registry);
        this.orphansFrom = clock.instant().plus(config.heartbeatTimeout());
    }

    // --- creation -------------------------------------------------------------------------------------

    /** Creates a lone task; its dependencies, if any, must be existing tasks. A missing task_id is generated. */
    public synchronized TaskView create(TaskSpec spec) {
        if (spec.workflowId() != null) {
            throw new IllegalArgumentException("a lone task has no workflow_id; use createWorkflow for workflows");
        }
        TaskSpec s = Task.with(spec, spec.taskId() != null ? spec.taskId() : Ids.newId(), null, spec.deadline(),
                null, null);
        TaskGraph.checkTask(s);
        if (!store.existing(List.of(s.taskId())).isEmpty()) {
            throw new IllegalArgumentException("task_id " + s.taskId() + " is taken");
        }
        List<String> unknown = s.dependsOn().stream().filter(d -> find(d).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("task " + s.taskId() + " depends on unknown tasks " + unknown);
        }
        Task t = new Task(s, PENDING, clock.instant());
        t.status = book.fromDependencies(t);
        store.insert(null, List.of(t));
        book.admit(t);
        return t.view();
    }

    /** Creates a workflow: a DAG of tasks whose depends_on name tasks of the same workflow. */
    public synchronized WorkflowView createWorkflow(String workflowId, String title, List<TaskSpec> specs) {
        String wid = workflowId != null ? workflowId : Ids.newId();
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("workflow " + wid + " has no tasks");
        }
        List<TaskSpec> normalized = new ArrayList<>();
        for (TaskSpec s : specs) {
            if (s.workflowId() != null && !s.workflowId().equals(wid)) {
                throw new IllegalArgumentException("task " + s.taskId() + " names workflow " + s.workflowId()
                        + ", not " + wid);
            }
            normalized.add(Task.with(s, s.taskId(), wid, s.deadline(), null, null));
        }
        TaskGraph.checkWorkflow(normalized);
        if (store.workflow(wid).isPresent()) {
            throw new IllegalArgumentException("workflow_id " + wid + " is taken");
        }
        Set<String> taken = store.existing(TaskGraph.ids(normalized));
        if (!taken.isEmpty()) {
            throw new IllegalArgumentException("task ids already taken: " + taken);
        }
        Instant now = clock.instant();
        List<Task> tasks = normalized.stream()
                .map(s -> new Task(s, s.dependsOn().isEmpty() ? READY : PENDING, now))
                .toList();
        store.insert(new TaskStore.WorkflowRow(wid, title, now), tasks);
        tasks.forEach(book::admit);
        return workflow(wid).orElseThrow();
    }

    // --- housekeeping ---------------------------------------------------------------------------------

    /** One pass: deadlines, execution timeouts, orphaned assignments, then routing of ready tasks. */
    public synchronized void tick() {
        Instant now = clock.instant();
        Set<String> waiting = null;
        for (Task t : book.live()) {
            if (!book.isLive(t)) {
                continue; // settled earlier in this pass, by a cascade from its dependency
            }
            if (t.deadlinePassed(now)) {
                end(t, TIMED_OUT, "deadline passed");
            } else if (TaskBook.ACTIVE.contains(t.status)) {
                if (!now.isBefore(t.assignedAt.plus(config.taskTimeout()))) {
                    if (waiting == null) {
                        waiting = awaitingPeople.get();
                    }
                    if (waiting.contains(t.id())) {
                        // An approval can take hours; the agent is not stuck, so its time counts from now.
                        t.assignedAt = now;
                        continue;
                    }
                    guards.taskFailed(t.agent, Duration.between(t.assignedAt, now));
                    attemptFailed(t, "no result from " + t.agent + " within " + config.taskTimeout());
                } else if (!now.isBefore(orphansFrom) && registry.find(t.agent).filter(AgentView::online).isEmpty()) {
                    book.transition(t, READY, "reassigned: agent offline");
                }
            }
        }
        route(now);
    }

    private void route(Instant now) {
        List<Task> ready = book.live().stream()
                .filter(t -> t.status == READY && (t.nextAttemptAt == null || !now.isBefore(t.nextAttemptAt)))
                .sorted(Comparator.comparingInt((Task t) -> t.spec.priority().lane()).thenComparingLong(t -> t.seq))
                .toList();
        for (Task t : ready) {
            pick(t).ifPresent(agentId -> assign(t, agentId, now));
        }
    }

    /** The least loaded online agent that has the capabilities, may be named, has room, and is not tripped. */
    private Optional<String> pick(Task t) {
        List<String> named = t.spec.assignedAgents();
        for (AgentView a : registry.candidates(t.spec.requiredCapabilities())) {
            if ((named.isEmpty() || named.contains(a.agentId()))
                    && a.activeTasks() < a.card().maxConcurrentTasks()
                    && guards.mayAssign(a.agentId())) {
                return Optional.of(a.agentId());
            }
        }
        return Optional.empty();
    }

    private void assign(Task t, String agentId, Instant now) {
        t.epoch++;
        t.agent = agentId;
        t.assignedAt = now;
        t.nextAttemptAt = null;
        book.transition(t, ASSIGNED, "assigned to " + agentId);
        Envelope request = Envelope.builder()
                .fromAgent(Envelope.ORCHESTRATOR)
                .toAgent(agentId)
                .messageType(MessageType.TASK_REQUEST)
                .priority(t.spec.priority())
                .timestamp(now.toEpochMilli())
                .payload(json.valueToTree(t.wireSpec()))
                .build();
        long epoch = t.epoch;
        CompletableFuture<SendResult> sent;
        try {
            sent = dispatcher.apply(request);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        // Async: the bus completes sends on its writer thread, which must not wait for this manager's lock.
        sent.whenCompleteAsync((r, failure) -> {
            if (failure != null || !r.isAccepted()) {
                dispatchFailed(t.id(), epoch, failure != null ? String.valueOf(failure.getMessage())
                        : r.code() + ": " + r.reason());
            }
        });
    }

    private synchronized void dispatchFailed(String taskId, long epoch, String reason) {
        Task t = book.find(taskId).orElse(null);
        if (t != null && book.isLive(t) && TaskBook.ACTIVE.contains(t.status) && t.epoch == epoch) {
            book.transition(t, READY, "the task request was not sent (" + reason + "); will route again");
        }
    }

    /** An agent went offline: its assignments go back to be routed again, under a new epoch. */
    public synchronized void onAgentOffline(String agentId) {
        for (Task t : book.live()) {
            if (TaskBook.ACTIVE.contains(t.status) && agentId.equals(t.agent)) {
                book.transition(t, READY, "reassigned: agent offline");
            }
        }
    }

    // --- results --------------------------------------------------------------------------------------

    /**
     * Applies a result if it answers the task's current assignment; otherwise records it as stale or
     * duplicate and changes nothing.
     *
     * @throws IllegalArgumentException when the task is unknown or the result has no outcome
     */
    public synchronized ResultHandling onResult(String agentId, TaskResult result) {
        if (result.taskId() == null || result.outcome() == null) {
            throw new IllegalArgumentException("a task result needs task_id and outcome");
        }
        Task t = book.find(result.taskId())
                .orElseThrow(() -> new IllegalArgumentException("no task '" + result.taskId() + "'"));
        Instant now = clock.instant();
        boolean current = TaskBook.ACTIVE.contains(t.status) && agentId.equals(t.agent) && result.epoch() == t.epoch;
        if (!current) {
            return refuse(t, agentId, result, now);
        }
        Duration took = Duration.between(t.assignedAt, now);
        if (result.outcome() == TaskOutcome.SUCCESS) {
            guards.taskSucceeded(agentId, took);
            t.result = result.result();
            book.transition(t, COMPLETED, "completed by " + agentId);
            releaseDependents(t);
        } else {
            guards.taskFailed(agentId, took);
            attemptFailed(t, "failed on " + agentId + ": " + result.error());
        }
        return ResultHandling.APPLIED;
    }

    private ResultHandling refuse(Task t, String agentId, TaskResult r, Instant now) {
        boolean duplicate = t.status == COMPLETED && agentId.equals(t.agent) && r.epoch() == t.epoch;
        ResultHandling reason = duplicate ? ResultHandling.DUPLICATE : ResultHandling.STALE;
        store.refused(new RefusedResult(t.id(), agentId, r.epoch(), t.epoch, r.outcome(), reason, now));
        if (!duplicate) {
            events.publish(new KernelEvent.StaleResultRefused(now, t.id(), agentId, r.epoch(), t.epoch));
        }
        return reason;
    }

    /** Backs off and retries, or fails the task for good once it has used its attempts. */
    private void attemptFailed(Task t, String why) {
        t.attempts++;
        if (t.attempts >= MAX_ATTEMPTS) {
            end(t, FAILED, why + "; gave up after " + t.attempts + " attempts");
            return;
        }
        Duration wait = Duration.ofMillis(BACKOFF.apply(t.attempts));
        t.nextAttemptAt = clock.instant().plus(wait);
        book.transition(t, READY, why + "; attempt " + (t.attempts + 1) + " of " + MAX_ATTEMPTS + " in "
                + wait.toSeconds() + " s");
    }

    // --- people's commands ----------------------------------------------------------------------------

    /** Cancels a task that has not ended, and the dependents that were waiting for it. */
    public synchronized TaskView cancel(String taskId) {
        Task t = book.require(taskId);
        if (TaskBook.SETTLED.contains(t.status) && t.status != BLOCKED) {
            throw new IllegalStateException("task " + taskId + " is already " + t.status.wire());
        }
        end(t, CANCELLED, "cancelled");
        return t.view();
    }

    /**
     * Gives a failed, timed-out, cancelled or blocked task a fresh set of attempts, and unblocks the
     * dependents that were blocked by it.
     */
    public synchronized TaskView retry(String taskId) {
        Task t = book.require(taskId);
        if (!RETRYABLE.contains(t.status)) {
            throw new IllegalStateException("task " + taskId + " is " + t.status.wire() + "; only failed, "
                    + "timed-out, cancelled or blocked tasks can be retried");
        }
        TaskStatus from = t.status;
        TaskStatus to = book.fromDependencies(t);
        if (to == BLOCKED) {
            throw new IllegalStateException("task " + taskId + " depends on a task that did not complete; retry that one");
        }
        t.attempts = 0;
        t.nextAttemptAt = null;
        if (t.deadlinePassed(clock.instant())) {
            // Retrying a task past its deadline is a person's decision to run it anyway.
            t.spec = Task.with(t.spec, t.spec.taskId(), t.spec.workflowId(), null, null, null);
        }
        book.revive(t);
        book.transition(t, to, "retried after " + from.wire());
        unblockDependents(t);
        return t.view();
    }

    private void unblockDependents(Task t) {
        for (String id : book.dependents(t.id())) {
            Task d = book.require(id);
            if (d.status == BLOCKED && book.fromDependencies(d) == PENDING) {
                book.revive(d);
                book.transition(d, PENDING, "dependency " + t.id() + " retried");
                unblockDependents(d);
            }
        }
    }

    // --- queries --------------------------------------------------------------------------------------

    public synchronized Optional<TaskView> find(String taskId) {
        return book.find(taskId).map(Task::view);
    }

    /** Tasks in creation order; status and workflowId are optional filters (null: any). */
    public List<TaskView> list(TaskStatus status, String workflowId, int limit) {
        return list(status, workflowId, null, limit);
    }

    /**
     * Tasks in creation order, or with {@code updatedSince} those changed since then in the order of their
     * last change (what a monitor of recent outcomes reads); every filter is optional (null: any).
     */
    public synchronized List<TaskView> list(TaskStatus status, String workflowId, Instant updatedSince, int limit) {
        return store.list(status, workflowId, updatedSince, limit).stream().map(t -> book.current(t).view()).toList();
    }

    public synchronized Optional<WorkflowView> workflow(String workflowId) {
        return store.workflow(workflowId).map(w -> new WorkflowView(w.workflowId(), w.title(), w.createdAt(),
                list(null, workflowId, Integer.MAX_VALUE)));
    }

    /** The results of this task that were refused, oldest first. */
    public synchronized List<RefusedResult> refusals(String taskId) {
        return store.refusals(taskId);
    }

    // --- transitions ----------------------------------------------------------------------------------

    /** Moves a task to an end status; dependents still waiting for it can then never run. */
    private void end(Task t, TaskStatus to, String detail) {
        book.transition(t, to, detail);
        boolean cancelling = to == CANCELLED;
        for (String id : book.dependents(t.id())) {
            // A cancel also reaches dependents already blocked, which wait for a person rather than a tick.
            Task d = cancelling ? book.require(id) : book.find(id).filter(book::isLive).orElse(null);
            if (d != null && (d.status == PENDING || cancelling && d.status == BLOCKED)) {
                end(d, cancelling ? CANCELLED : BLOCKED, "dependency " + t.id() + " " + to.wire());
            }
        }
    }

    private void releaseDependents(Task t) {
        for (String id : book.dependents(t.id())) {
            Task d = book.require(id);
            if (d.status == PENDING && book.fromDependencies(d) == READY) {
                book.transition(d, READY, "dependencies completed");
            }
        }
    }
}
