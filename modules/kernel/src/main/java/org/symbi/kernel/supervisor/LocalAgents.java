package org.symbi.kernel.supervisor;

import io.github.resilience4j.core.IntervalFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.symbi.governance.AgentTokens;
import org.symbi.kernel.events.EventStream;
import org.symbi.kernel.events.KernelEvent;
import org.symbi.protocol.AgentStatus;
import org.symbi.store.DataDir;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs local agents as child processes of the room, from templates. Each start issues a token for a fresh
 * agent id and passes it, with the agent id and the gateway's URL, in the environment ({@code SYMBI_AGENT_ID},
 * {@code SYMBI_TOKEN}, {@code SYMBI_URL}, and over TLS the room's certificate file in
 * {@code SYMBI_ROOM_CERTIFICATE}); the template's command and environment may name the room's Java
 * launcher, class path and data directory ({@link TemplateValues}); output goes to {@code logs/AGENT.log} in
 * the data directory.
 * An agent whose process exits without being asked to, or that goes offline in the registry after it had
 * come online (heartbeat loss), is started again after an exponential backoff, until it uses up its restart
 * budget ({@link SupervisorPolicy}); then the room gives up and says so with {@link KernelEvent.LocalAgentFailed}.
 * Restarts happen on {@link #tick()}, driven by the room's clock.
 *
 * <p>The agents being supervised are remembered in the data directory ({@code local-agents.json}), so the
 * next room on it starts them again under the same ids ({@link #resume()}); an agent stopped on request, or
 * given up on, is forgotten. Closing the supervisor stops the agents but remembers them.
 */
public final class LocalAgents implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalAgents.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataDir dir;
    private final AgentTemplates templates;
    private final AgentTokens tokens;
    private final String gatewayUrl;
    private final EventStream events;
    private final InstantSource clock;
    private final SupervisorPolicy policy;
    private final IntervalFunction backoff;
    private final Map<String, SupervisedAgent> agents = new ConcurrentHashMap<>();
    private final RememberedAgents remembered;
    private final EventStream.Subscription statusWatch;
    private final EventStream.Subscription registrationWatch;
    private ScheduledExecutorService ticker;

    public LocalAgents(DataDir dir, AgentTemplates templates, AgentTokens tokens, String gatewayUrl,
                       EventStream events, InstantSource clock, SupervisorPolicy policy) {
        this.dir = dir;
        this.templates = templates;
        this.tokens = tokens;
        this.gatewayUrl = gatewayUrl;
        this.events = events;
        this.clock = clock;
        this.policy = policy;
        this.backoff = IntervalFunction.ofExponentialBackoff(policy.firstBackoff(), 2.0, policy.maxBackoff());
        this.remembered = new RememberedAgents(dir);
        this.statusWatch = events.subscribe(KernelEvent.AgentStatusChanged.class, this::onStatus);
        this.registrationWatch = events.subscribe(KernelEvent.AgentRegistered.class, e -> {
            SupervisedAgent a = agents.get(e.card().agentId());
            if (a != null) {
                a.online = true;
            }
        });
    }

    /** Kernel threads call this; it only flags the agent, the tick acts. */
    private void onStatus(KernelEvent.AgentStatusChanged e) {
        SupervisedAgent a = agents.get(e.agentId());
        if (a == null) {
            return;
        }
        if (e.to() != AgentStatus.OFFLINE) {
            a.online = true;
        } else if (a.online) {
            a.online = false;
            a.heartbeatLost = true;
        }
    }

    /**
     * Starts the agents remembered from the last room on this data directory ({@link #resume()}), then ticks
     * on a thread of its own, at {@code period}; tests call {@link #tick()} instead.
     */
    public LocalAgents supervise(Duration period) {
        resume();
        ticker = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("symbi-local-agents").daemon(true).unstarted(r));
        ticker.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (RuntimeException e) {
                LOG.error("local agent supervision failed; the next tick will try again", e);
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    public AgentTemplates templates() {
        return templates;
    }

    /**
     * Starts an agent from a template under a fresh id ({@code TEMPLATE-xxxxxx}), granting the template's
     * capabilities to that id; fails when the template is unknown or the command cannot be run.
     */
    public synchronized LocalAgentView start(String templateId) {
        AgentTemplate t = templates.get(templateId);
        byte[] suffix = new byte[3];
        RANDOM.nextBytes(suffix);
        String id = t.id() + "-" + HexFormat.of().formatHex(suffix);
        SupervisedAgent a = supervised(id, t);
        try {
            launch(a);
        } catch (IOException e) {
            a.log.close();
            throw new IllegalStateException("cannot start " + t.command().getFirst() + " for template " + t.id()
                    + ": " + e.getMessage(), e);
        }
        agents.put(id, a);
        remembered.remember(id, t.id());
        return a.view();
    }

    /**
     * Starts again, under their ids, the agents the last room on this data directory supervised when it
     * closed. One whose template is gone is forgotten, with a warning; one that cannot be started now is
     * restarted after the backoff, as if it had exited.
     *
     * @return the agents resumed
     */
    public synchronized List<LocalAgentView> resume() {
        List<LocalAgentView> resumed = new ArrayList<>();
        remembered.all().forEach((id, templateId) -> {
            if (agents.containsKey(id)) {
                return;
            }
            Optional<AgentTemplate> t = templates.find(templateId);
            if (t.isEmpty()) {
                LOG.warn("local agent {} is not started again: its template '{}' is gone", id, templateId);
                remembered.forget(id);
                return;
            }
            SupervisedAgent a = supervised(id, t.get());
            agents.put(id, a);
            try {
                launch(a);
            } catch (IOException e) {
                scheduleRestart(a, "cannot start: " + e.getMessage());
            }
            resumed.add(a.view());
        });
        return resumed;
    }

    /** A new agent under supervision, granted what its template grants. */
    private SupervisedAgent supervised(String id, AgentTemplate t) {
        tokens.grant(id, t.capabilities(), t.repositories());
        return new SupervisedAgent(id, t, new RotatingLog(logFile(id), policy.logMaxBytes(), policy.logFiles()));
    }

    /** Where an agent's output goes: {@code logs/AGENT.log} in the data directory. */
    public Path logFile(String agentId) {
        return dir.resolve("logs").resolve(agentId + ".log");
    }

    private void launch(SupervisedAgent a) throws IOException {
        AgentTemplate t = a.template;
        TemplateValues values = TemplateValues.ofThisRoom(dir.root());
        ProcessBuilder pb = new ProcessBuilder(values.fill(t.command())).redirectErrorStream(true);
        if (t.workingDir() != null) {
            pb.directory(dir.root().resolve(t.workingDir()).toFile());
        }
        pb.environment().putAll(values.fill(t.env()));
        pb.environment().put("SYMBI_AGENT_ID", a.id);
        pb.environment().put("SYMBI_TOKEN", tokens.issue(a.id, t.capabilities(), t.repositories()));
        pb.environment().put("SYMBI_URL", gatewayUrl);
        pb.environment().putAll(RoomFile.certificateEnvironment(dir, gatewayUrl));
        Process p = pb.start();
        a.process = p;
        a.state = LocalAgentState.RUNNING;
        a.startedAt = clock.instant();
        a.online = false;
        a.heartbeatLost = false;
        a.log.note("--- " + a.startedAt + " room started " + a.id + " as process " + p.pid() + " ---");
        a.pump = Thread.ofVirtual().name("symbi-agent-log-" + a.id).start(() -> a.log.pump(p.getInputStream()));
        // async: a process already gone would otherwise be handled here, inside the caller's start or restart,
        // and its failure announced before the restart that led to it
        p.onExit().thenAcceptAsync(done -> exited(a, done));
    }

    private synchronized void exited(SupervisedAgent a, Process p) {
        if (a.process != p || a.state != LocalAgentState.RUNNING) {
            return; // an older process, or one the room is stopping itself
        }
        a.lastExit = p.exitValue();
        a.log.note("--- " + clock.instant() + " process " + p.pid() + " exited with status " + a.lastExit + " ---");
        scheduleRestart(a, "exited with status " + a.lastExit);
    }

    private void scheduleRestart(SupervisedAgent a, String reason) {
        Instant now = clock.instant();
        while (!a.recentRestarts.isEmpty() && a.recentRestarts.peekFirst().isBefore(now.minus(policy.window()))) {
            a.recentRestarts.removeFirst();
        }
        a.detail = reason;
        if (a.recentRestarts.size() >= policy.maxRestarts()) {
            a.state = LocalAgentState.FAILED;
            a.detail = reason + "; gave up after " + a.recentRestarts.size() + " restarts within " + policy.window();
            a.log.note("--- " + now + " " + a.detail + " ---");
            a.log.close();
            remembered.forget(a.id);
            events.publish(new KernelEvent.LocalAgentFailed(now, a.id, a.template.id(), a.restarts, a.detail));
            return;
        }
        a.state = LocalAgentState.RESTARTING;
        a.restartAt = now.plusMillis(backoff.apply(a.recentRestarts.size() + 1));
    }

    /** One supervision pass: acts on heartbeat losses and starts agents whose backoff is over. */
    public synchronized void tick() {
        Instant now = clock.instant();
        for (SupervisedAgent a : agents.values()) {
            if (a.state == LocalAgentState.RUNNING && a.heartbeatLost) {
                Process silent = a.process;
                a.process = null;
                Thread.ofVirtual().name("symbi-agent-stop-" + a.id).start(() -> terminate(silent));
                a.log.note("--- " + now + " heartbeat lost; process " + silent.pid() + " terminated ---");
                scheduleRestart(a, "heartbeat lost");
            } else if (a.state == LocalAgentState.RESTARTING && !now.isBefore(a.restartAt)) {
                a.recentRestarts.addLast(now);
                a.restarts++;
                try {
                    launch(a);
                    events.publish(new KernelEvent.LocalAgentRestarted(now, a.id, a.template.id(), a.restarts, a.detail));
                } catch (IOException e) {
                    scheduleRestart(a, "cannot start: " + e.getMessage());
                }
            }
        }
    }

    /**
     * Stops an agent: SIGTERM to its process and the processes it started, SIGKILL to those still alive
     * after the grace period. Blocks until the process is gone. Unknown ids are refused. The agent is
     * forgotten: the next room does not start it again.
     */
    public LocalAgentView stop(String agentId) {
        LocalAgentView stopped = halt(agentId);
        remembered.forget(agentId);
        return stopped;
    }

    private LocalAgentView halt(String agentId) {
        SupervisedAgent a;
        Process p;
        synchronized (this) {
            a = agents.get(agentId);
            if (a == null) {
                throw new IllegalArgumentException("no local agent " + agentId);
            }
            if (a.state == LocalAgentState.STOPPED || a.state == LocalAgentState.STOPPING
                    || a.state == LocalAgentState.FAILED) {
                return a.view();
            }
            a.state = LocalAgentState.STOPPING;
            p = a.process;
        }
        Integer status = p == null ? null : terminate(p);
        synchronized (this) {
            a.state = LocalAgentState.STOPPED;
            a.detail = "stopped";
            if (status != null) {
                a.lastExit = status;
            }
            awaitPump(a);
            a.log.note("--- " + clock.instant() + " stopped ---");
            LocalAgentView view = a.view();
            a.log.close();
            return view;
        }
    }

    /** SIGTERM, wait for the grace period, then SIGKILL; returns the exit status. */
    private Integer terminate(Process p) {
        List<ProcessHandle> children = p.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        p.destroy();
        try {
            if (!p.waitFor(policy.stopGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                children.forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
        // Children that outlived their parent would keep the log pipe open.
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        return p.isAlive() ? null : p.exitValue();
    }

    private static void awaitPump(SupervisedAgent a) {
        if (a.pump == null) {
            return;
        }
        try {
            a.pump.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public List<LocalAgentView> list() {
        List<LocalAgentView> views = new ArrayList<>();
        synchronized (this) {
            agents.values().forEach(a -> views.add(a.view()));
        }
        views.sort((x, y) -> x.agentId().compareTo(y.agentId()));
        return views;
    }

    public synchronized Optional<LocalAgentView> find(String agentId) {
        return Optional.ofNullable(agents.get(agentId)).map(SupervisedAgent::view);
    }

    /** Stops the ticker, then every agent still running or waiting to restart, remembering them for the next room. */
    @Override
    public void close() {
        if (ticker != null) {
            // Not interrupted: a restart in progress writes its token's issue to the ledger (see Kernel.close).
            ticker.shutdown();
            try {
                ticker.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        statusWatch.close();
        registrationWatch.close();
        for (LocalAgentView v : list()) {
            if (v.state() == LocalAgentState.RUNNING || v.state() == LocalAgentState.RESTARTING) {
                halt(v.agentId());
            }
        }
    }
}
