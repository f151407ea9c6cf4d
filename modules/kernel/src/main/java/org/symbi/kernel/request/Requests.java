package org.symbi.kernel.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.symbi.governance.AuditTrail;
import org.symbi.governance.Governance;
import org.symbi.governance.Phase;
import org.symbi.governance.PhaseWarrant;
import org.symbi.governance.WarrantScope;
import org.symbi.kernel.events.EventStream;
import org.symbi.kernel.events.KernelEvent;
import org.symbi.kernel.registry.AgentRegistry;
import org.symbi.kernel.registry.AgentView;
import org.symbi.kernel.task.TaskManager;
import org.symbi.kernel.task.TaskView;
import org.symbi.kernel.task.WorkflowView;
import org.symbi.kernel.trace.TraceStore;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.TaskSpec;
import org.symbi.protocol.TaskStatus;
import org.symbi.protocol.TraceKind;
import org.symbi.protocol.TraceStep;
import org.symbi.store.Database;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A person's requests, from the typed text to the completion report (seed 003's level 3). A request is
 * planned as a task for whichever agent holds {@code plan} (a model's plan or the rules'); the plan is made
 * runnable on the request's working tree ({@link PlanWiring}) and waits for a person. Confirming it creates
 * the workflow and issues the phase warrants of its gated steps to the agents that will take them; when
 * every task has ended the room writes the completion report to the ledger and the planning task's trace.
 * Progress is made on the kernel's tick, for the requests whose tasks changed since.
 */
public final class Requests {
    public static final String PLAN = "plan";
    static final int MAX_TEXT = 8_000;
    /** Characters of the request's first line that title its tasks. */
    static final int TITLE = 120;
    /** How long a plan's phase warrants last: the workflow's approvals included. */
    static final Duration PHASE_LIFETIME = Duration.ofHours(24);
    /** A gated task may use its phase warrant this many times: retries ask again. */
    static final int USES_PER_TASK = 3;
    /** Capabilities whose actions are gated, with the action kinds their phase warrant covers. */
    private static final Map<String, List<String>> GATED = Map.of(
            PlanWiring.GIT, List.of("git.push", "git.merge"),
            PlanWiring.DEPLOY, List.of("deploy"));

    private final RequestStore store;
    private final ObjectMapper json;
    private final InstantSource clock;
    private final EventStream events;
    private final TaskManager tasks;
    private final AgentRegistry registry;
    private final Governance governance;
    private final TraceStore traces;
    private final AuditTrail audit;
    /**
     * Requests that may still move on (all but completed and discarded ones: a failed one comes back when a
     * task is retried), so that other workflows' task changes cost the event publisher one lookup.
     */
    private final Set<String> unsettled = ConcurrentHashMap.newKeySet();
    /** Requests whose tasks changed since the last tick. */
    private final Set<String> touched = ConcurrentHashMap.newKeySet();

    public Requests(Database db, ObjectMapper json, InstantSource clock, EventStream events, TaskManager tasks,
                    AgentRegistry registry, Governance governance, TraceStore traces, AuditTrail audit) {
        this.store = new RequestStore(db, json);
        this.json = json;
        this.clock = clock;
        this.events = events;
        this.tasks = tasks;
        this.registry = registry;
        this.governance = governance;
        this.traces = traces;
        this.audit = audit;
        store.unsettled().forEach(r -> {
            unsettled.add(r.requestId());
            if (r.status().open()) {
                // whatever ended while the room was closed, or before this subscription, is looked at once
                touched.add(r.requestId());
            }
        });
        events.subscribe(KernelEvent.TaskStateChanged.class, e -> {
            String id = e.workflowId() != null ? e.workflowId()
                    : e.taskId().startsWith("plan-") ? e.taskId().substring("plan-".length()) : null;
            if (id != null && unsettled.contains(id)) {
                touched.add(id);
            }
        });
    }

    /**
     * Takes a request: a planning task for the agent holding {@code plan}, told which capabilities the room's
     * agents hold now so the plan uses only those.
     */
    public synchronized RequestView submit(String text, RequestTarget target, String requestedBy) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the request is empty: say what should be done");
        }
        if (text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("the request is " + text.length() + " characters; at most " + MAX_TEXT);
        }
        Instant now = clock.instant();
        String id = newId(now);
        RequestView r = new RequestView(id, text.strip(), target, requestedBy, RequestStatus.PLANNING, null, null,
                "waiting for a planner", now, now);
        store.insert(r);
        unsettled.add(id);
        ObjectNode input = json.createObjectNode().put("request", r.text()).put("repository", target.name());
        heldCapabilities().forEach(input.putArray("capabilities")::add);
        tasks.create(new TaskSpec(r.planTaskId(), null, "Plan: " + firstLine(r.text(), TITLE), r.text(), List.of(PLAN),
                null, null, null, null, null, null, input));
        audit.record(requestedBy, "request.submit", id, "planning", json.createObjectNode().put("request", r.text())
                .put("repository", target.name()).put("worktree", target.worktree().toString())
                .put("base", target.base()));
        publish(r);
        return r;
    }

    /**
     * Runs a planned request: creates its workflow and issues the phase warrants of its gated steps to the
     * agents that hold those capabilities now (their tasks are named to them, so the warrant fits).
     *
     * @throws IllegalStateException when the request is not waiting for confirmation, or no agent online holds
     *                               a gated capability the plan needs
     */
    public synchronized RequestView confirm(String requestId, String confirmedBy) {
        RequestView r = require(requestId, RequestStatus.AWAITING_CONFIRMATION, "confirmed");
        WorkflowDraft draft = r.draft();
        Map<String, String> holders = new LinkedHashMap<>();
        for (String cap : gatedCapabilities(draft)) {
            holders.put(cap, registry.candidates(List.of(cap)).stream().filter(AgentView::online)
                    .map(AgentView::agentId).findFirst().orElseThrow(() -> new IllegalStateException(
                            "no agent online holds '" + cap + "', which this plan's gated steps need; start one and "
                                    + "confirm again")));
        }
        List<TaskSpec> specs = draft.toTaskSpecs(r.workflowId(), holders);
        tasks.createWorkflow(r.workflowId(), firstLine(r.text(), TITLE), specs);
        List<String> warrants = new ArrayList<>();
        List<Phase> phases = new ArrayList<>();
        Instant expires = clock.instant().plus(PHASE_LIFETIME);
        holders.forEach((cap, agent) -> {
            Set<String> ids = new TreeSet<>();
            specs.stream().filter(s -> s.requiredCapabilities().contains(cap)).forEach(s -> ids.add(s.taskId()));
            phases.add(new Phase(cap, agent, phaseScope(cap, r.target().name(), draft), ids, expires,
                    USES_PER_TASK * ids.size(), 0));
        });
        for (PhaseWarrant pw : governance.issuePhaseWarrants(r.workflowId(), phases)) {
            if (pw.warrant() != null) {
                warrants.add(pw.warrant().id());
            }
        }
        String detail = "confirmed by " + confirmedBy + ": " + specs.size() + " tasks"
                + (warrants.isEmpty() ? "" : ", phase warrants " + String.join(", ", warrants));
        RequestView running = change(r, RequestStatus.RUNNING, draft, null, detail);
        ObjectNode payload = json.createObjectNode().put("workflow", r.workflowId());
        warrants.forEach(payload.putArray("warrants")::add);
        holders.forEach(payload.putObject("gated_agents")::put);
        audit.record(confirmedBy, "request.confirm", requestId, "running", payload);
        return running;
    }

    /** Drops a plan nobody wants run; nothing was created but the planning task. */
    public synchronized RequestView discard(String requestId, String discardedBy, String reason) {
        RequestView r = require(requestId, RequestStatus.AWAITING_CONFIRMATION, "discarded");
        String why = reason == null || reason.isBlank() ? "discarded by " + discardedBy
                : "discarded by " + discardedBy + ": " + reason.strip();
        RequestView out = change(r, RequestStatus.DISCARDED, r.draft(), null, why);
        audit.record(discardedBy, "request.discard", requestId, "discarded", json.createObjectNode().put("reason", reason));
        return out;
    }

    public Optional<RequestView> find(String requestId) {
        return store.find(requestId);
    }

    /** The newest requests first. */
    public List<RequestView> list(int limit) {
        return store.list(Math.max(1, Math.min(limit, 1_000)));
    }

    /** Moves on the requests whose tasks changed: a plan that arrived, a workflow that ended or came back. */
    public void tick() {
        for (String id : List.copyOf(touched)) {
            touched.remove(id);
            synchronized (this) {
                store.find(id).ifPresent(this::progress);
            }
        }
    }

    private void progress(RequestView r) {
        switch (r.status()) {
            case PLANNING -> tasks.find(r.planTaskId()).ifPresent(t -> planEnded(r, t));
            case RUNNING, FAILED -> {
                if (r.draft() != null) {
                    tasks.workflow(r.workflowId()).ifPresent(w -> workflowProgressed(r, w));
                }
            }
            default -> { }
        }
    }

    private void planEnded(RequestView r, TaskView plan) {
        if (plan.status() == TaskStatus.COMPLETED) {
            WorkflowDraft draft;
            try {
                draft = PlanWiring.wire(r.requestId(), r.text(), r.target(), plan.result());
            } catch (IllegalArgumentException e) {
                fail(r, "the plan cannot run: " + e.getMessage());
                return;
            }
            List<String> added = draft.tasks().stream().filter(t -> t.addedBy() != null)
                    .map(t -> t.taskId() + " (" + t.addedBy() + ")").toList();
            traces.record(Envelope.ORCHESTRATOR, new TraceStep(r.planTaskId(), null, TraceKind.DECISION,
                    "Plan ready for confirmation: " + draft.tasks().size() + " tasks on " + draft.branch()
                            + (added.isEmpty() ? "." : "; the room added " + String.join(", ", added) + "."),
                    json.valueToTree(draft), null, null, null));
            String by = "rules".equals(draft.planner()) ? "planned by rules (no language model)"
                    : "planned by " + (draft.basis() == null ? "a language model" : draft.basis());
            change(r, RequestStatus.AWAITING_CONFIRMATION, draft, null, by + "; waiting for confirmation");
            audit.record(plan.assignedAgent() == null ? Envelope.ORCHESTRATOR : plan.assignedAgent(), "request.plan",
                    r.requestId(), "awaiting_confirmation", json.createObjectNode().put("planner", draft.planner())
                            .put("basis", draft.basis()).put("tasks", draft.tasks().size()).put("branch", draft.branch()));
        } else if (plan.settled()) {
            fail(r, "planning " + plan.status().wire() + (plan.detail() == null ? "" : ": " + plan.detail()));
        } else if (plan.assignedAgent() != null && !("planning with " + plan.assignedAgent()).equals(r.detail())) {
            change(r, RequestStatus.PLANNING, null, null, "planning with " + plan.assignedAgent());
        }
    }

    private void workflowProgressed(RequestView r, WorkflowView w) {
        boolean live = w.tasks().stream().anyMatch(t -> !t.settled());
        if (live) {
            if (r.status() == RequestStatus.FAILED) {
                change(r, RequestStatus.RUNNING, r.draft(), null, "running again: a task was retried");
            }
            return;
        }
        if (r.status() == RequestStatus.FAILED && r.report() != null && !changedSince(w, r.updatedAt())) {
            return;
        }
        boolean completed = w.tasks().stream().allMatch(t -> t.status() == TaskStatus.COMPLETED);
        JsonNode report = CompletionReport.of(r, w, governance.liveWarrants(), clock.instant(), json);
        String summary = report.path("summary").asText();
        RequestStatus to = completed ? RequestStatus.COMPLETED : RequestStatus.FAILED;
        traces.record(Envelope.ORCHESTRATOR, new TraceStep(r.planTaskId(), null, TraceKind.DECISION,
                "Completion report: " + summary, report, null, null, null));
        audit.record(Envelope.ORCHESTRATOR, "request." + (completed ? "complete" : "fail"), r.requestId(), to.wire(),
                report);
        change(r, to, r.draft(), report, summary);
    }

    private static boolean changedSince(WorkflowView w, Instant at) {
        return w.tasks().stream().anyMatch(t -> t.updatedAt().isAfter(at));
    }

    private void fail(RequestView r, String why) {
        change(r, RequestStatus.FAILED, r.draft(), null, why);
        audit.record(Envelope.ORCHESTRATOR, "request.fail", r.requestId(), "failed",
                json.createObjectNode().put("reason", why));
    }

    private RequestView require(String requestId, RequestStatus wanted, String verb) {
        RequestView r = store.find(requestId).orElseThrow(() -> new IllegalArgumentException("no request " + requestId));
        if (r.status() != wanted) {
            throw new IllegalStateException("request " + requestId + " is " + r.status().wire().replace('_', ' ')
                    + "; only a plan waiting for confirmation can be " + verb);
        }
        return r;
    }

    private RequestView change(RequestView r, RequestStatus to, WorkflowDraft draft, JsonNode report, String detail) {
        RequestView next = new RequestView(r.requestId(), r.text(), r.target(), r.requestedBy(), to, draft,
                report != null ? report : r.report(), detail, r.createdAt(), clock.instant());
        store.update(next);
        if (to == RequestStatus.COMPLETED || to == RequestStatus.DISCARDED) {
            unsettled.remove(next.requestId());
        }
        publish(next);
        return next;
    }

    private void publish(RequestView r) {
        events.publish(new KernelEvent.RequestChanged(clock.instant(), r.requestId(), r.status().wire(), r.detail()));
    }

    private List<String> heldCapabilities() {
        Set<String> caps = new TreeSet<>();
        registry.all().stream().filter(AgentView::online).forEach(a -> caps.addAll(a.card().capabilities()));
        return List.copyOf(caps);
    }

    /**
     * What a phase warrant covers: for {@code git}, the repository's work branch, its base and the tags the
     * plan makes ({@code refs/tags/TAG}); for {@code deploy}, the environments the plan deploys to (a deploy
     * names no repository).
     */
    static WarrantScope phaseScope(String capability, String repository, WorkflowDraft draft) {
        if (capability.equals(PlanWiring.GIT)) {
            List<String> refs = new ArrayList<>(List.of(draft.branch(), draft.base()));
            inputs(draft, PlanWiring.GIT, "tag").forEach(tag -> refs.add("refs/tags/" + tag));
            return new WarrantScope(GATED.get(capability), List.of(repository), refs, List.of(), List.of());
        }
        return new WarrantScope(GATED.get(capability), List.of(), List.of(), List.of(),
                inputs(draft, capability, "environment"));
    }

    /** The distinct values of one input field of the plan's tasks that need a capability. */
    private static List<String> inputs(WorkflowDraft draft, String capability, String field) {
        return draft.tasks().stream().filter(t -> t.capabilities().contains(capability) && t.input() != null)
                .map(t -> t.input().path(field).asText(null)).filter(v -> v != null).distinct().toList();
    }

    private static List<String> gatedCapabilities(WorkflowDraft draft) {
        Set<String> caps = new TreeSet<>();
        draft.tasks().forEach(t -> t.capabilities().stream().filter(GATED::containsKey).forEach(caps::add));
        return List.copyOf(caps);
    }

    /** The text's first line, cut at {@code max} characters, for titles and commit messages. */
    static String firstLine(String text, int max) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() <= max ? line : line.substring(0, max - 1) + "…";
    }

    /** {@code req-} and a sortable time with a random tail: readable in branch names and the ledger. */
    private static String newId(Instant now) {
        return "req-" + Long.toString(now.toEpochMilli(), 36) + Integer.toString(ThreadLocalRandom.current()
                .nextInt(36 * 36 * 36), 36).toLowerCase(Locale.ROOT);
    }
}
