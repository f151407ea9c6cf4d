package org.symbi.kernel.metrics;

import org.symbi.kernel.events.EventStream;
import org.symbi.kernel.events.KernelEvent;
import org.symbi.kernel.events.KernelEvent.ConflictOpened;
import org.symbi.kernel.events.KernelEvent.ConflictResolved;
import org.symbi.kernel.events.KernelEvent.GuardTripped;
import org.symbi.kernel.events.KernelEvent.MessageAccepted;
import org.symbi.kernel.events.KernelEvent.MessageDeadLettered;
import org.symbi.kernel.events.KernelEvent.StaleResultRefused;
import org.symbi.kernel.events.KernelEvent.TaskStateChanged;
import org.symbi.kernel.registry.AgentRegistry;
import org.symbi.kernel.registry.AgentView;
import org.symbi.protocol.AgentMetrics;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.MessageType;
import org.symbi.protocol.SystemMetrics;
import org.symbi.store.Database;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per-agent and system metrics (seed 000), computed from the kernel's event stream, with a per-minute
 * history in the database. Formulas, inputs and windows: docs/metrics.md and {@link MetricsFormulas}.
 * <p>
 * Current values count from the kernel's start; the history survives restarts, and so do the model usage
 * totals ({@link ModelUsageBook}). The event subscriber runs on the kernel's hot threads, so it only bumps
 * counters; everything else is computed when asked.
 */
public final class MetricsCollector {
    /** The subject under which system metrics are kept in the history. */
    public static final String SYSTEM = "*";
    /** A system metric stored every minute the kernel runs: its rows are the minutes the history covers. */
    static final String MINUTE_MARKER = "total_agents";
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
    /** Message throughput is measured over this trailing window. */
    static final long THROUGHPUT_WINDOW_MILLIS = 60_000;
    /** Dead letters and breaker trips weigh on system health for this many minutes. */
    static final int HEALTH_WINDOW_MINUTES = 5;
    private static final long MINUTE = 60_000;
    private static final String CIRCUIT_OPEN = "circuit_open";

    private final InstantSource clock;
    private final AgentRegistry registry;
    private final ModelUsageBook modelUsage;
    private final Duration retention;
    private final MetricsHistory history;
    private final Map<String, AgentTally> tallies = new ConcurrentHashMap<>();
    private final TaskTracker tasks = new TaskTracker(this::tally);
    private final LongAdder accepted = new LongAdder();
    private final ThroughputMeter throughput;
    private final MinuteWindow deadLetters = new MinuteWindow(HEALTH_WINDOW_MINUTES);
    private final Map<String, Long> breakerTrippedAt = new ConcurrentHashMap<>();
    private final Set<String> openConflicts = ConcurrentHashMap.newKeySet();
    private final LongAdder conflictsOpened = new LongAdder();
    private final LongAdder conflictsResolved = new LongAdder();
    private long lastBucket = Long.MIN_VALUE;
    /** What the history last stored for each agent since the kernel started, so that only changes are written. */
    private final Map<String, Map<String, Double>> stored = new HashMap<>();

    public MetricsCollector(Database db, InstantSource clock, EventStream events, AgentRegistry registry,
                            ModelUsageBook modelUsage) {
        this(db, clock, events, registry, modelUsage, DEFAULT_RETENTION);
    }

    /**
     * @param modelUsage the model calls the trace store counts
     * @param retention  how long the per-minute history is kept
     */
    public MetricsCollector(Database db, InstantSource clock, EventStream events, AgentRegistry registry,
                            ModelUsageBook modelUsage, Duration retention) {
        this.clock = clock;
        this.registry = registry;
        this.modelUsage = modelUsage;
        this.retention = retention;
        this.history = new MetricsHistory(db);
        this.throughput = new ThroughputMeter(THROUGHPUT_WINDOW_MILLIS, clock.millis(), 0);
        // Only the kinds that enter a metric: the bus then skips building the others per message.
        for (Class<? extends KernelEvent> type : List.of(MessageAccepted.class, MessageDeadLettered.class,
                GuardTripped.class, StaleResultRefused.class, TaskStateChanged.class, ConflictOpened.class,
                ConflictResolved.class)) {
            events.subscribe(type, this::onEvent);
        }
    }

    private void onEvent(KernelEvent event) {
        switch (event) {
            case MessageAccepted m -> {
                accepted.increment();
                if (m.type() == MessageType.COLLABORATION_INVITE || m.type() == MessageType.TASK_RESPONSE) {
                    onCollaborationMessage(m);
                }
            }
            case MessageDeadLettered d -> {
                deadLetters.add(d.at().toEpochMilli());
                if (d.agentId() != null) {
                    tally(d.agentId()).deadLetters.add(d.at().toEpochMilli());
                }
            }
            case GuardTripped g when g.agentId() != null -> {
                if (CIRCUIT_OPEN.equals(g.guard())) {
                    breakerTrippedAt.put(g.agentId(), g.at().toEpochMilli()); // its failures already lower trust
                } else {
                    tally(g.agentId()).guardTrips.add(g.at().toEpochMilli());
                }
            }
            case StaleResultRefused s when s.agentId() != null -> tally(s.agentId()).staleResults.add(s.at().toEpochMilli());
            case TaskStateChanged t -> tasks.onStateChanged(t);
            case ConflictOpened c -> {
                if (openConflicts.add(c.conflictId())) {
                    conflictsOpened.increment();
                }
            }
            case ConflictResolved r -> {
                if (openConflicts.remove(r.conflictId())) {
                    conflictsResolved.increment();
                }
            }
            default -> {
                // other events do not enter any metric
            }
        }
    }

    /** An invite registers as pending with each invitee; a reply from an invitee to its inviter answers one. */
    private void onCollaborationMessage(MessageAccepted m) {
        String from = m.fromAgent();
        if (from == null || Envelope.ORCHESTRATOR.equals(from)) {
            return; // the kernel's own messages are not an agent's collaboration
        }
        AgentTally sender = tally(from);
        for (String recipient : m.recipients()) {
            sender.repliedTo(recipient);
            if (m.type() == MessageType.COLLABORATION_INVITE) {
                tally(recipient).invitedBy(from);
            }
        }
    }

    private AgentTally tally(String agentId) {
        return tallies.computeIfAbsent(agentId, k -> new AgentTally());
    }

    /**
     * Samples the throughput counter; on the first tick of each clock minute, writes the system's values and
     * the agents' values that changed to the history, purges what is older than the retention and forgets idle
     * workflows.
     */
    public synchronized void tick() {
        long now = clock.millis();
        throughput.sample(now, accepted.sum());
        long bucket = Math.floorDiv(now, MINUTE) * MINUTE;
        if (bucket == lastBucket) {
            return;
        }
        Map<String, Map<String, Double>> changed = changed(snapshot(now));
        history.write(bucket, changed);
        changed.forEach((subject, values) -> {
            if (!SYSTEM.equals(subject)) {
                stored.computeIfAbsent(subject, k -> new HashMap<>()).putAll(values);
            }
        });
        history.purgeBefore(now - retention.toMillis());
        tasks.retireIdle(now);
        lastBucket = bucket;
    }

    /** The system's values, and each agent's values that differ from what the history last stored. */
    private Map<String, Map<String, Double>> changed(Map<String, Map<String, Double>> snapshot) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        snapshot.forEach((subject, values) -> {
            Map<String, Double> before = SYSTEM.equals(subject) ? Map.of() : stored.getOrDefault(subject, Map.of());
            Map<String, Double> differing = new LinkedHashMap<>();
            values.forEach((metric, value) -> {
                if (!value.equals(before.get(metric))) {
                    differing.put(metric, value);
                }
            });
            if (!differing.isEmpty()) {
                out.put(subject, differing);
            }
        });
        return out;
    }

    private Map<String, Map<String, Double>> snapshot(long now) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (AgentMetrics a : allAgentMetrics(now)) {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("tasks_completed", (double) a.tasksCompleted());
            m.put("tasks_failed", (double) a.tasksFailed());
            m.put("success_rate", a.successRate());
            m.put("average_response_time_ms", a.averageResponseTimeMs());
            m.put("load", a.load());
            m.put("collaboration_score", a.collaborationScore());
            m.put("trust_score", a.trustScore());
            out.put(a.agentId(), m);
        }
        modelUsage.byAgent().forEach((agentId, u) -> {
            Map<String, Double> m = out.computeIfAbsent(agentId, k -> new LinkedHashMap<>());
            m.put("model_calls", (double) u.calls());
            m.put("model_tokens_in", (double) u.tokensIn());
            m.put("model_tokens_out", (double) u.tokensOut());
            m.put("model_cost_usd", u.costUsd());
            u.meanLatencyMs().ifPresent(mean -> m.put("model_mean_latency_ms", mean));
        });
        SystemMetrics s = systemMetrics(now);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("total_agents", (double) s.totalAgents());
        m.put("online_agents", (double) s.onlineAgents());
        m.put("active_collaborations", (double) s.activeCollaborations());
        m.put("message_throughput", s.messageThroughput());
        m.put("system_health", (double) s.systemHealth().ordinal());
        m.put("conflict_resolution_rate", s.conflictResolutionRate());
        out.put(SYSTEM, m);
        return out;
    }

    /** Metrics of a registered agent, or of one the kernel has seen events for; empty for any other id. */
    public Optional<AgentMetrics> agentMetrics(String agentId) {
        Optional<AgentView> view = registry.find(agentId);
        if (view.isEmpty() && !tallies.containsKey(agentId)) {
            return Optional.empty();
        }
        long collaborative = tasks.collaborativeCompletions().getOrDefault(agentId, 0L);
        return Optional.of(metricsOf(agentId, view.map(AgentView::load).orElse(0.0), collaborative, clock.millis()));
    }

    /** Metrics of every registered agent, by id. */
    public List<AgentMetrics> allAgentMetrics() {
        return allAgentMetrics(clock.millis());
    }

    private List<AgentMetrics> allAgentMetrics(long now) {
        Map<String, Long> collaborative = tasks.collaborativeCompletions();
        return registry.all().stream()
                .map(v -> metricsOf(v.agentId(), v.load(), collaborative.getOrDefault(v.agentId(), 0L), now))
                .toList();
    }

    private AgentMetrics metricsOf(String agentId, double load, long collaborativeTracked, long now) {
        AgentTally t = tallies.get(agentId);
        if (t == null) {
            return new AgentMetrics(agentId, 0, 0, 0.0, 0.0, load,
                    MetricsFormulas.collaboration(0, 0, 0, 0), MetricsFormulas.trust(0, 0, 0, 0, 0));
        }
        long completed = t.completed.sum();
        long failed = t.failed.sum();
        return new AgentMetrics(agentId, completed, failed,
                MetricsFormulas.successRate(completed, failed),
                MetricsFormulas.average(t.responseMillis.sum(), t.responses.sum()),
                load,
                MetricsFormulas.collaboration(completed, collaborativeTracked + t.retiredCollaborative.sum(),
                        t.invitesReceived.sum(), t.invitesAnswered.sum()),
                MetricsFormulas.trust(completed, failed, t.staleResults.sum(now), t.guardTrips.sum(now),
                        t.deadLetters.sum(now)));
    }

    /** The agent's model calls, summed since the room's database was created (they survive restarts). */
    public ModelUsage modelUsage(String agentId) {
        return modelUsage.forAgent(agentId);
    }

    /** The model usage of every agent that made a call, by id. */
    public Map<String, ModelUsage> modelUsageByAgent() {
        return modelUsage.byAgent();
    }

    /** The model calls made for one task, by any agent (a database read). */
    public ModelUsage taskModelUsage(String taskId) {
        return modelUsage.forTask(taskId);
    }

    public SystemMetrics systemMetrics() {
        return systemMetrics(clock.millis());
    }

    private SystemMetrics systemMetrics(long now) {
        List<AgentView> agents = registry.all();
        int online = (int) agents.stream().filter(AgentView::online).count();
        long breakerSince = now - HEALTH_WINDOW_MINUTES * MINUTE;
        int breakers = (int) breakerTrippedAt.values().stream().filter(at -> at > breakerSince).count();
        return new SystemMetrics(agents.size(), online, tasks.activeCollaborations(),
                throughput.perSecond(now, accepted.sum()),
                MetricsFormulas.health(agents.size(), online, deadLetters.sum(now), breakers),
                MetricsFormulas.conflictResolutionRate(conflictsOpened.sum(), conflictsResolved.sum()));
    }

    /**
     * Rolled-up values of one metric, one per minute, from {@code from} (inclusive) to {@code to} (exclusive).
     *
     * @param subject an agent id, or {@link #SYSTEM}
     * @param metric  a name listed in docs/metrics.md, such as {@code trust_score} or {@code message_throughput}
     */
    public List<MetricPoint> history(String subject, String metric, Instant from, Instant to) {
        return history.query(subject, metric, from, to);
    }
}
