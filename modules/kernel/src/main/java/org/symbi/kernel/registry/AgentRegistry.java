package org.symbi.kernel.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.symbi.kernel.bus.RecipientDirectory;
import org.symbi.kernel.events.EventStream;
import org.symbi.kernel.events.KernelEvent;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.AgentStatus;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.StatusReport;
import org.symbi.store.Database;
import org.symbi.store.StoreException;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Who the agents are and whether they are alive. Agents register with a card and heartbeat as often as
 * {@link #heartbeatInterval()} asks; one that stays silent for three of its intervals (never less than the
 * heartbeat timeout) is marked offline by {@link #sweep()}, and the kernel then reassigns its work and
 * releases its locks. Cards survive restarts; liveness does not (every agent starts offline until it is
 * heard from again).
 */
public final class AgentRegistry implements RecipientDirectory {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AgentRegistry.class);
    /** Agent ids: letters, digits, dot, dash, underscore, colon, at; 1 to 128 characters. */
    public static final Pattern AGENT_ID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");

    private final Database db;
    private final ObjectMapper json;
    private final InstantSource clock;
    private final EventStream events;
    private final Duration heartbeatTimeout;
    private final int maxHeartbeatsPerSecond;
    private final Map<String, AgentState> agents = new ConcurrentHashMap<>();
    /** Agents not offline, as of the last sweep: a tick's lag is nothing next to a heartbeat interval. */
    private volatile int online;

    public AgentRegistry(Database db, ObjectMapper json, InstantSource clock, EventStream events,
                         Duration heartbeatTimeout, int maxHeartbeatsPerSecond) {
        if (maxHeartbeatsPerSecond < 1) {
            throw new IllegalArgumentException("maxHeartbeatsPerSecond must be at least 1, not " + maxHeartbeatsPerSecond);
        }
        this.db = db;
        this.json = json;
        this.clock = clock;
        this.events = events;
        this.heartbeatTimeout = heartbeatTimeout;
        this.maxHeartbeatsPerSecond = maxHeartbeatsPerSecond;
        load();
    }

    /**
     * How often agents are asked to heartbeat now: three times per heartbeat timeout, so one lost beat is not
     * fatal; but with so many agents online that the room would hear more than its heartbeats-per-second
     * budget, proportionally less often (as cluster schedulers pace their nodes), so that a large idle fleet
     * costs the room a bounded amount of work. Agents learn it in their welcome and in the receipt of each
     * heartbeat.
     */
    public Duration heartbeatInterval() {
        long third = Math.max(1, heartbeatTimeout.toMillis() / 3);
        return Duration.ofMillis(Math.max(third, online * 1000L / maxHeartbeatsPerSecond));
    }

    /** The interval one agent was asked to keep when it last registered or heartbeat. */
    public Duration heartbeatInterval(String agentId) {
        AgentState s = agents.get(agentId);
        if (s == null) {
            return heartbeatInterval();
        }
        synchronized (s) {
            return Duration.ofMillis(s.heartbeatIntervalMs);
        }
    }

    private void load() {
        db.read(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT card, registered_at, last_heartbeat FROM agent");
                 ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    AgentCard card = parseCard(rs.getString(1));
                    AgentState s = new AgentState(card, Instant.ofEpochMilli(rs.getLong(2)));
                    s.lastHeartbeat = Instant.ofEpochMilli(rs.getLong(3));
                    s.status = AgentStatus.OFFLINE;
                    agents.put(card.agentId(), s);
                }
            }
            return null;
        });
    }

    /** Registers an agent, or updates the card of one that registered before; it is available at once. */
    public AgentView register(AgentCard card) {
        if (card.agentId() == null || !AGENT_ID.matcher(card.agentId()).matches()) {
            throw new IllegalArgumentException("agent_id must match " + AGENT_ID.pattern() + ": " + card.agentId());
        }
        if (Envelope.ORCHESTRATOR.equals(card.agentId())) {
            throw new IllegalArgumentException("agent_id '" + Envelope.ORCHESTRATOR + "' is reserved for the kernel");
        }
        Instant now = clock.instant();
        AgentState state = agents.compute(card.agentId(), (id, old) -> {
            AgentState s = new AgentState(card, old != null ? old.registeredAt : now);
            if (old != null) {
                s.activeTasks = old.activeTasks;
                s.status = old.status;
            }
            return s;
        });
        AgentStatus before;
        long interval = heartbeatInterval().toMillis();
        synchronized (state) {
            before = state.status;
            state.lastHeartbeat = now;
            state.heartbeatIntervalMs = interval;
            state.status = state.activeTasks >= card.maxConcurrentTasks() ? AgentStatus.BUSY : AgentStatus.AVAILABLE;
        }
        persist(state);
        events.publish(new KernelEvent.AgentRegistered(now, card));
        if (before != state.status) {
            events.publish(new KernelEvent.AgentStatusChanged(now, card.agentId(), before, state.status, "registered"));
        }
        return state.view();
    }

    /** Records a heartbeat (or status update) from a registered agent. */
    public AgentView heartbeat(String agentId, StatusReport report) {
        AgentState s = require(agentId);
        Instant now = clock.instant();
        AgentStatus before;
        AgentStatus after;
        long interval = heartbeatInterval().toMillis();
        synchronized (s) {
            before = s.status;
            s.lastHeartbeat = now;
            s.heartbeatIntervalMs = interval;
            if (report != null && report.load() != null) {
                s.reportedLoad = Math.max(0, Math.min(1, report.load()));
            }
            after = report == null ? s.derivedStatus() : switch (report.status()) {
                case BUSY, OFFLINE -> report.status();
                case AVAILABLE -> s.derivedStatus();
            };
            s.status = after;
        }
        if (before != after) {
            persist(s);
            events.publish(new KernelEvent.AgentStatusChanged(now, agentId, before, after,
                    before == AgentStatus.OFFLINE ? "heard from again" : "status reported"));
        }
        return s.view();
    }

    /** The task manager tells how many tasks an agent holds; load and busy status follow from it. */
    public void setActiveTasks(String agentId, int activeTasks) {
        AgentState s = agents.get(agentId);
        if (s == null) {
            return;
        }
        AgentStatus before;
        AgentStatus after;
        double load;
        synchronized (s) {
            before = s.status;
            s.activeTasks = activeTasks;
            after = before == AgentStatus.OFFLINE ? AgentStatus.OFFLINE : s.derivedStatus();
            s.status = after;
            load = s.load();
        }
        Instant now = clock.instant();
        events.publish(new KernelEvent.AgentLoadChanged(now, agentId, load, activeTasks));
        if (before != after) {
            events.publish(new KernelEvent.AgentStatusChanged(now, agentId, before, after, "task load"));
        }
    }

    /**
     * Marks agents offline whose silence is longer than the timeout and than three of the intervals they were
     * asked to keep; returns their ids.
     */
    public List<String> sweep() {
        Instant now = clock.instant();
        long nowMs = now.toEpochMilli();
        long timeoutMs = heartbeatTimeout.toMillis();
        List<String> wentOffline = new ArrayList<>();
        int stillOnline = 0;
        for (AgentState s : agents.values()) {
            AgentStatus before;
            synchronized (s) {
                if (s.status == AgentStatus.OFFLINE) {
                    continue;
                }
                long allowedMs = Math.max(timeoutMs, 3 * s.heartbeatIntervalMs);
                if (s.lastHeartbeat.toEpochMilli() >= nowMs - allowedMs) {
                    stillOnline++;
                    continue;
                }
                before = s.status;
                s.status = AgentStatus.OFFLINE;
            }
            wentOffline.add(s.card.agentId());
            persistQuietly(s);
            events.publish(new KernelEvent.AgentStatusChanged(now, s.card.agentId(), before, AgentStatus.OFFLINE,
                    "no heartbeat for " + Duration.between(s.lastHeartbeat, now).toSeconds() + " s"));
        }
        online = stillOnline;
        return wentOffline;
    }

    /** Liveness is kept in memory first; a failed write of it must not hide that the agent went away. */
    private void persistQuietly(AgentState s) {
        try {
            persist(s);
        } catch (StoreException e) {
            LOG.error("could not store the status of agent {}", s.card.agentId(), e);
        }
    }

    /**
     * The agent's connection closed without a goodbye. From now on it is allowed only the heartbeat timeout of
     * silence since its last heartbeat: a paced interval spares the room the beats of connected agents, but
     * must not keep one that crashed looking alive for long. Its next heartbeat, on a new connection, is paced
     * again.
     */
    public void connectionClosed(String agentId) {
        AgentState s = agents.get(agentId);
        if (s != null) {
            synchronized (s) {
                s.heartbeatIntervalMs = 0;
            }
        }
    }

    /** Marks one agent offline now (its connection closed, or it said goodbye). */
    public void markOffline(String agentId, String reason) {
        AgentState s = agents.get(agentId);
        if (s == null) {
            return;
        }
        AgentStatus before;
        synchronized (s) {
            before = s.status;
            s.status = AgentStatus.OFFLINE;
        }
        if (before != AgentStatus.OFFLINE) {
            persistQuietly(s);
            events.publish(new KernelEvent.AgentStatusChanged(clock.instant(), agentId, before, AgentStatus.OFFLINE, reason));
        }
    }

    /**
     * Available agents (online and not busy) that hold every required capability, least loaded first
     * (ties: fewest active tasks, then id, so routing is deterministic).
     */
    public List<AgentView> candidates(Collection<String> requiredCapabilities) {
        return agents.values().stream()
                .map(AgentState::view)
                .filter(v -> v.status() == AgentStatus.AVAILABLE && v.card().capabilities().containsAll(requiredCapabilities))
                .sorted(Comparator.comparingDouble(AgentView::load)
                        .thenComparingInt(AgentView::activeTasks)
                        .thenComparing(AgentView::agentId))
                .toList();
    }

    public Optional<AgentView> find(String agentId) {
        AgentState s = agents.get(agentId);
        return s == null ? Optional.empty() : Optional.of(s.view());
    }

    public List<AgentView> all() {
        return agents.values().stream().map(AgentState::view).sorted(Comparator.comparing(AgentView::agentId)).toList();
    }

    @Override
    public boolean isKnown(String agentId) {
        return agents.containsKey(agentId);
    }

    @Override
    public Collection<String> knownAgents() {
        return agents.keySet();
    }

    private AgentState require(String agentId) {
        AgentState s = agents.get(agentId);
        if (s == null) {
            throw new UnknownAgentException(agentId);
        }
        return s;
    }

    private void persist(AgentState s) {
        AgentView v = s.view();
        String card;
        try {
            card = json.writeValueAsString(v.card());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("agent card cannot be written as JSON", e);
        }
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "MERGE INTO agent (agent_id, card, status, registered_at, last_heartbeat) KEY (agent_id) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, v.agentId());
                ps.setString(2, card);
                ps.setString(3, v.status().wire());
                ps.setLong(4, v.registeredAt().toEpochMilli());
                ps.setLong(5, v.lastHeartbeat().toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    private AgentCard parseCard(String text) {
        try {
            return json.readValue(text, AgentCard.class);
        } catch (JsonProcessingException e) {
            throw new StoreException("a stored agent card is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Mutable liveness of one agent; guarded by its own monitor. */
    private static final class AgentState {
        final AgentCard card;
        final Instant registeredAt;
        AgentStatus status = AgentStatus.AVAILABLE;
        Instant lastHeartbeat;
        long heartbeatIntervalMs;
        int activeTasks;
        Double reportedLoad;

        AgentState(AgentCard card, Instant registeredAt) {
            this.card = card;
            this.registeredAt = registeredAt;
            this.lastHeartbeat = registeredAt;
        }

        double load() {
            double derived = Math.min(1.0, activeTasks / (double) card.maxConcurrentTasks());
            return reportedLoad != null ? Math.max(reportedLoad, derived) : derived;
        }

        AgentStatus derivedStatus() {
            return activeTasks >= card.maxConcurrentTasks() ? AgentStatus.BUSY : AgentStatus.AVAILABLE;
        }

        synchronized AgentView view() {
            return new AgentView(card, status, load(), activeTasks, lastHeartbeat, registeredAt);
        }
    }
}
