package org.symbi.kernel;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.symbi.governance.Approver;
import org.symbi.governance.ApproverRegistry;
import org.symbi.governance.AuditTrail;
import org.symbi.governance.ConflictVoters;
import org.symbi.governance.Governance;
import org.symbi.governance.PolicyStore;
import org.symbi.kernel.audit.LedgerAudit;
import org.symbi.kernel.audit.LedgerRecorder;
import org.symbi.kernel.request.Requests;
import org.symbi.kernel.bus.Correlations;
import org.symbi.kernel.bus.MessageBus;
import org.symbi.kernel.bus.SendResult;
import org.symbi.kernel.events.EventStream;
import org.symbi.kernel.events.KernelEvent;
import org.symbi.kernel.guard.Guards;
import org.symbi.kernel.lock.ConflictPolicy;
import org.symbi.kernel.lock.LockManager;
import org.symbi.kernel.metrics.MetricsCollector;
import org.symbi.kernel.metrics.ModelUsage;
import org.symbi.kernel.metrics.ModelUsageBook;
import org.symbi.kernel.registry.AgentRegistry;
import org.symbi.kernel.registry.AgentView;
import org.symbi.kernel.task.TaskManager;
import org.symbi.kernel.trace.TraceStore;
import org.symbi.kernel.warrant.WarrantDesk;
import org.symbi.ledger.Ledger;
import org.symbi.ledger.VerificationReport;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.ErrorReport;
import org.symbi.protocol.MessageType;
import org.symbi.protocol.ProtocolCodec;
import org.symbi.protocol.TaskStatus;
import org.symbi.protocol.TraceKind;
import org.symbi.protocol.TraceStep;
import org.symbi.store.DataDir;
import org.symbi.store.Database;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;

/**
 * The orchestrator kernel: registry, bus, tasks, locks and conflicts, guards, metrics and traces on one
 * database, with one entry point for what agents send ({@link #receive}) and one event stream out
 * ({@link #events()}). Headless: no UI type appears here.
 */
public final class Kernel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Kernel.class);
    /** The id of the room's own approver, whose key is kept in the data directory. */
    public static final String LOCAL_APPROVER = "local";

    private final Database db;
    private final KernelConfig config;
    private final InstantSource clock;
    private final EventStream events = new EventStream();
    private final ProtocolCodec codec;
    private final AgentRegistry registry;
    private final MessageBus bus;
    private final Guards guards;
    private final TaskManager tasks;
    private final LockManager locks;
    private final MetricsCollector metrics;
    private final TraceStore traces;
    private final Ledger ledger;
    private final Governance governance;
    private final ApproverRegistry approvers;
    private final Approver localApprover;
    private final WarrantDesk warrants;
    private final LedgerRecorder recorder;
    private final Requests requests;
    private final InboundRouter inbound;
    private final Instant startedAt;
    private ScheduledExecutorService ticker;
    private long ticks;
    private boolean absentReleased;

    /**
     * Builds the kernel on a data directory's database; the ledger's and approvers' keys, the checkpoint
     * file and the user's policy live in {@code dir}.
     */
    public Kernel(Database db, DataDir dir, KernelConfig config, InstantSource clock) {
        this.db = db;
        this.config = config;
        this.clock = clock;
        this.codec = new ProtocolCodec();
        ObjectMapper json = codec.mapper();
        this.ledger = Ledger.open(db, dir, clock);
        // Registered approvers are people in the ledger; the lookup runs only once approvers exist.
        AuditTrail audit = new LedgerAudit(ledger, this::isApprover);
        this.approvers = new ApproverRegistry(db, audit);
        this.localApprover = approvers.registerLocal(dir.resolve("keys"), LOCAL_APPROVER,
                System.getProperty("user.name", LOCAL_APPROVER), Set.of("maintainers"));
        this.governance = new Governance(db, new PolicyStore(dir.resolve("policies")), approvers, clock, audit);
        ConflictVoters voters = new ConflictVoters(approvers, Set.of("maintainers"));
        this.registry = new AgentRegistry(db, json, clock, events, config.heartbeatTimeout(),
                config.maxHeartbeatsPerSecond());
        this.guards = new Guards(config, clock, events);
        this.bus = new MessageBus(db, codec, config, clock, events, registry);
        ModelUsageBook modelUsage = new ModelUsageBook(db);
        this.traces = new TraceStore(db, json, clock, events, modelUsage);
        this.metrics = new MetricsCollector(db, clock, events, registry, modelUsage);
        this.locks = new LockManager(db, clock, events, registry, ConflictPolicy.defaults(),
                conflict -> voters.eligibleVoters(Set.copyOf(conflict.involvedAgents())));
        this.tasks = new TaskManager(db, json, config, clock, events, registry, guards, this::sendAsKernel,
                () -> governance.approvals().pending().stream().map(r -> r.taskId()).filter(Objects::nonNull)
                        .collect(Collectors.toSet()));
        this.warrants = new WarrantDesk(governance, json, clock, events, this::sendAsKernel);
        this.recorder = new LedgerRecorder(ledger, json, events, this::isApprover);
        // Task-scoped warrants end with their task.
        events.subscribe(KernelEvent.TaskStateChanged.class, e -> {
            if (e.to() == TaskStatus.COMPLETED || e.to() == TaskStatus.FAILED || e.to() == TaskStatus.CANCELLED
                    || e.to() == TaskStatus.TIMED_OUT) {
                governance.endTask(e.taskId());
            }
        });
        // Model tokens spent on a task count against the budgets of the warrants scoped to it.
        events.subscribe(KernelEvent.TraceRecorded.class, e -> {
            TraceStep step = e.step();
            if (step.kind() == TraceKind.LLM_RESPONSE && step.taskId() != null) {
                long tokens = ModelUsage.ofResponse(step.detail()).tokens();
                if (tokens > 0) {
                    governance.chargeTask(step.taskId(), e.agentId(), tokens);
                }
            }
        });
        this.requests = new Requests(db, json, clock, events, tasks, registry, governance, traces, audit);
        this.inbound = new InboundRouter(this);
        this.startedAt = clock.instant();
    }

    private boolean isApprover(String id) {
        return approvers != null && approvers.get(id).isPresent();
    }

    /** Starts the housekeeping tick (heartbeat sweep, redelivery, timeouts, leases, metrics roll-up). */
    public Kernel start() {
        ticker = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("symbi-kernel-tick").daemon(true).unstarted(r));
        long period = config.tickInterval().toMillis();
        ticker.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (RuntimeException e) {
                LOG.error("kernel tick failed; the next tick will try again", e);
            }
        }, period, period, TimeUnit.MILLISECONDS);
        return this;
    }

    /** One housekeeping pass. Called by the ticker; tests call it directly after moving their clock. */
    public synchronized void tick() {
        phase("heartbeat sweep", () -> registry.sweep().forEach(this::handBackWork));
        phase("agents not back after a start", this::releaseAbsentAfterStart);
        phase("redelivery", bus::tick);
        phase("response timeouts", this::expireRequests);
        phase("tasks", tasks::tick);
        phase("requests", requests::tick);
        phase("locks", locks::tick);
        phase("guards", guards::tick);
        phase("metrics", metrics::tick);
        phase("governance", governance::tick);
        phase("ledger checkpoint", ledger::tick);
        if (++ticks % 2400 == 0) {
            phase("purge", bus::purgeDelivered);
        }
        if (ticks % 240 == 0) {
            phase("database compaction", db::compact);
        }
    }

    /** One failing phase (a full disk, say) must not keep the others from running. */
    private static void phase(String name, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.error("kernel tick: {} failed; it runs again next tick", name, e);
        }
    }

    /**
     * Agents start offline after a restart and are never swept, so locks of those that do not come back
     * within one heartbeat timeout are released then (tasks do the same on their own).
     */
    private void releaseAbsentAfterStart() {
        if (absentReleased || clock.instant().isBefore(startedAt.plus(config.heartbeatTimeout()))) {
            return;
        }
        absentReleased = true;
        registry.all().stream().filter(v -> !v.online()).forEach(v -> locks.onAgentOffline(v.agentId()));
    }

    /** Tells each requester whose response did not come in time; in-process requesters see their future fail. */
    private void expireRequests() {
        for (Correlations.Pending p : bus.correlations().expire(clock.millis())) {
            Envelope request = p.request();
            p.response().completeExceptionally(new TimeoutException("no response to " + request.messageId()));
            if (Envelope.ORCHESTRATOR.equals(request.fromAgent()) || !registry.isKnown(request.fromAgent())) {
                continue;
            }
            ErrorReport report = new ErrorReport("response_timeout",
                    "no response to " + request.messageType().wire() + " " + request.messageId() + " within "
                            + config.responseTimeout().toSeconds() + " s", request.messageId());
            sendAsKernel(request.caused().fromAgent(Envelope.ORCHESTRATOR).toAgent(request.fromAgent())
                    .messageType(MessageType.ERROR_REPORT).correlationId(request.messageId())
                    .timestamp(clock.millis()).payload(codec.toPayload(report)).build());
        }
    }

    /** An agent's connection closed for good: it is offline now and its work goes back. */
    public void agentLost(String agentId) {
        registry.markOffline(agentId, "connection lost");
        handBackWork(agentId);
    }

    /** Hands an offline agent's tasks and locks back, unless it came back meanwhile (a reconnect). */
    private void handBackWork(String agentId) {
        if (registry.find(agentId).map(AgentView::online).orElse(false)) {
            return;
        }
        bus.detach(agentId);
        tasks.onAgentOffline(agentId);
        locks.onAgentOffline(agentId);
    }

    /**
     * Everything an agent sends enters here: guards, then the kernel's own handling (registration,
     * heartbeats, acks, subscriptions, traces, locks, task results), else the bus.
     */
    public CompletableFuture<SendResult> receive(Envelope e) {
        return inbound.receive(e);
    }

    /** Sends a message on the kernel's own behalf (task requests, lock answers, error reports). */
    public CompletableFuture<SendResult> sendAsKernel(Envelope e) {
        return bus.send(e);
    }

    public KernelConfig config() {
        return config;
    }

    public InstantSource clock() {
        return clock;
    }

    public EventStream events() {
        return events;
    }

    public ProtocolCodec codec() {
        return codec;
    }

    public AgentRegistry registry() {
        return registry;
    }

    public MessageBus bus() {
        return bus;
    }

    public Guards guards() {
        return guards;
    }

    public TaskManager tasks() {
        return tasks;
    }

    /** People's requests: planned, confirmed, run as workflows, reported. */
    public Requests requests() {
        return requests;
    }

    public LockManager locks() {
        return locks;
    }

    public MetricsCollector metrics() {
        return metrics;
    }

    public TraceStore traces() {
        return traces;
    }

    public Ledger ledger() {
        return ledger;
    }

    /**
     * Verifies the whole ledger. A failed verification is also published as
     * {@link KernelEvent.LedgerAuditFailed}, so that whoever asked for it, the room raises an alert.
     */
    public VerificationReport verifyLedger(LongConsumer progressEntriesChecked) {
        VerificationReport report = ledger.verify(progressEntriesChecked);
        if (!report.ok()) {
            events.publish(new KernelEvent.LedgerAuditFailed(clock.instant(), report.entriesChecked(),
                    report.firstBadIndex(), report.problem()));
        }
        return report;
    }

    public Governance governance() {
        return governance;
    }

    /** The room's own approver: the person at this desktop, signing with the key in the data directory. */
    public Approver localApprover() {
        return localApprover;
    }

    public WarrantDesk warrants() {
        return warrants;
    }

    @Override
    public void close() {
        if (ticker != null) {
            // Let a running tick finish: interrupting it in the middle of a database write closes the
            // database's file channel, and every write after that (the final flush below) fails.
            ticker.shutdown();
            try {
                ticker.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        bus.close();
        recorder.close();
        governance.close();
        ledger.close();
    }
}
