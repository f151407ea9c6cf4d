package org.symbi.kernel.lock;

import org.symbi.kernel.KernelConfig;
import org.symbi.kernel.events.EventStream;
import org.symbi.kernel.registry.AgentRegistry;
import org.symbi.protocol.Priority;
import org.symbi.store.Database;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * Resource locks with leases, and the conflicts they raise.
 * <p>
 * A lock is exclusive per resource name and lasts until its holder releases it, its lease runs out
 * ({@link #tick()}) or its holder goes offline. Asking for a held resource opens a
 * {@code resource_contention} conflict (or joins the one already open on it), settled by the strategy the
 * {@link ConflictPolicy} names; the winner gets the lock. Locks and conflicts live in the database, so a
 * restart finds them as they were and leases keep counting from their stored expiry.
 * <p>
 * Changes are serialised on this object; each is one transaction, and its events are published after it
 * commits.
 */
public final class LockManager {
    /** The lease a conflict's winner gets when it did not ask for one (conflicts raised outside acquire). */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(60);
    /** Longest lease one request may take, so that a stuck agent cannot hold a resource for days. */
    public static final Duration MAX_LEASE = Duration.ofHours(24);

    private final Database db;
    private final InstantSource clock;
    private final EventStream events;
    private final ConflictPolicy policy;
    private final LockTable locks = new LockTable();
    private final ConflictStore store = new ConflictStore();
    private final Conflicts conflicts;
    /** Before this instant the tick has nothing to end; {@link Instant#MIN} after any change. */
    private Instant nextDue = Instant.MIN;

    public LockManager(Database db, KernelConfig config, InstantSource clock, EventStream events, AgentRegistry registry) {
        this(db, clock, events, registry, ConflictPolicy.defaults(), VoterEligibility.INVOLVED_AGENTS);
    }

    public LockManager(Database db, InstantSource clock, EventStream events, AgentRegistry registry,
                       ConflictPolicy policy, VoterEligibility eligibility) {
        this.db = db;
        this.clock = clock;
        this.events = events;
        this.policy = policy;
        // Agents the registry does not know are not second-guessed: they may be people or outside tools.
        this.conflicts = new Conflicts(locks, store, eligibility,
                agentId -> registry.find(agentId).map(v -> !v.online()).orElse(false));
    }

    /**
     * Takes the resource for the agent, or renews the lease it already holds. A resource held by another
     * agent opens (or joins) a conflict; the answer says whether that made the requester the holder.
     */
    public synchronized LockOutcome acquire(String agentId, String resource, Duration lease, Priority priority) {
        nextDue = Instant.MIN;
        requireId(agentId, "agent id", 128);
        requireId(resource, "resource", 512);
        if (lease == null || lease.isNegative() || lease.isZero() || lease.compareTo(MAX_LEASE) > 0) {
            throw new IllegalArgumentException("lease must be between 1 ms and " + MAX_LEASE.toHours() + " h: " + lease);
        }
        Party me = new Party(agentId, priority == null ? Priority.NORMAL : priority, lease);
        return run(s -> {
            Lease current = live(s, resource);
            if (current == null) {
                return LockOutcome.granted(locks.grant(s, resource, me), null, "granted");
            }
            if (current.holder().equals(agentId)) {
                return LockOutcome.granted(locks.grant(s, resource, me), null, "lease renewed");
            }
            Party holder = new Party(current.holder(), current.priority(), Duration.between(s.now, current.leaseUntil()));
            ResolutionStrategy strategy = policy.strategyFor(ConflictType.RESOURCE_CONTENTION);
            Conflict c = conflicts.open(s, ConflictType.RESOURCE_CONTENTION, resource, List.of(holder, me), strategy,
                    policy.timeoutFor(strategy));
            Lease after = locks.find(s, resource);
            if (after != null && after.holder().equals(agentId)) {
                return LockOutcome.granted(after, c.conflictId(), "granted by conflict " + c.conflictId() + ": " + c.outcome());
            }
            String detail = c.open()
                    ? "'" + resource + "' is held by " + current.holder() + "; conflict " + c.conflictId() + " ("
                    + c.type().wire() + ") is open and will be settled by " + c.strategy().wire() + " by "
                    + c.deadline()
                    : "not granted by conflict " + c.conflictId() + ": " + c.outcome();
            return LockOutcome.refused(resource, after, c.conflictId(), detail);
        });
    }

    /** Lets go of a lock; only its holder may. A waiting contender may get it at once. */
    public synchronized LockOutcome release(String agentId, String resource) {
        nextDue = Instant.MIN;
        requireId(agentId, "agent id", 128);
        requireId(resource, "resource", 512);
        return run(s -> {
            Lease current = live(s, resource);
            if (current == null) {
                return LockOutcome.released(resource, null, null, "'" + resource + "' was not locked");
            }
            if (!current.holder().equals(agentId)) {
                return LockOutcome.refused(resource, current, null, "'" + resource + "' is held by "
                        + current.holder() + ", not by " + agentId + "; only the holder can release it");
            }
            Conflict open = store.openOn(s, resource);
            locks.remove(s, current, "released by holder");
            conflicts.handOff(s, resource, agentId, "released the lock");
            Lease next = locks.find(s, resource);
            return LockOutcome.released(resource, next, open == null ? null : open.conflictId(),
                    next == null ? "released" : "released; passed to " + next.holder());
        });
    }

    /** Releases every lock the agent holds; waiting contenders that are online may get them. */
    public synchronized void onAgentOffline(String agentId) {
        nextDue = Instant.MIN;
        run(s -> {
            for (Lease l : locks.heldBy(s, agentId)) {
                locks.remove(s, l, "holder offline");
                conflicts.handOff(s, l.resource(), agentId, "went offline");
            }
            return null;
        });
    }

    /**
     * Ends leases that ran out and applies the timeout rule to conflicts past their deadline. Until the earliest
     * lease end or deadline, and while nothing changes, it leaves the database alone: a room without locks
     * spends nothing here.
     */
    public synchronized void tick() {
        if (clock.instant().isBefore(nextDue)) {
            return;
        }
        for (Lease l : run(locks::expired)) {
            run(s -> live(s, l.resource()));
        }
        for (Conflict c : run(store::overdue)) {
            run(s -> {
                Conflict now = store.find(s, c.conflictId());
                if (now.open()) {
                    conflicts.timeOut(s, now);
                }
                return null;
            });
        }
        nextDue = run(s -> {
            Instant leaseEnd = locks.earliestEnd(s);
            Instant deadline = store.earliestDeadline(s);
            return leaseEnd.isBefore(deadline) ? leaseEnd : deadline;
        });
    }

    /**
     * Raises a conflict found elsewhere (a merge conflict, a priority clash). Null strategy or timeout take
     * the policy's. Each agent's priority is that of its lock on the resource if it holds one, else normal;
     * on a priority tie with nobody holding, the first listed wins. If the resource already has an open
     * conflict the agents join it and that conflict is returned.
     */
    public synchronized Conflict openConflict(ConflictType type, String resource, List<String> involvedAgents,
                                              ResolutionStrategy strategy, Duration timeout) {
        nextDue = Instant.MIN;
        Objects.requireNonNull(type, "conflict type");
        requireId(resource, "resource", 512);
        List<String> agents = List.copyOf(new LinkedHashSet<>(involvedAgents));
        agents.forEach(a -> requireId(a, "agent id", 128));
        if (agents.size() < 2) {
            throw new IllegalArgumentException("a conflict needs at least two distinct agents: " + involvedAgents);
        }
        ResolutionStrategy chosen = strategy != null ? strategy : policy.strategyFor(type);
        Duration wait = timeout != null ? timeout : policy.timeoutFor(chosen);
        if (wait.isNegative() || chosen != ResolutionStrategy.PRIORITY_BASED && wait.isZero()) {
            throw new IllegalArgumentException("resolution timeout must be positive: " + wait);
        }
        return run(s -> {
            Lease held = live(s, resource);
            List<Party> parties = new ArrayList<>();
            for (String a : agents) {
                boolean holds = held != null && held.holder().equals(a);
                parties.add(new Party(a, holds ? held.priority() : Priority.NORMAL, DEFAULT_LEASE));
            }
            return conflicts.open(s, type, resource, parties, chosen, wait);
        });
    }

    /**
     * Records one eligible voter's choice in a voting conflict; a majority of the eligible voters settles it
     * at once. A voter votes once: a second vote is refused, not counted.
     *
     * @return the conflict after the vote
     * @throws IllegalArgumentException unknown conflict, voter not eligible, or a choice not involved
     * @throws IllegalStateException    conflict resolved or not a vote, or the voter already voted
     */
    public synchronized Conflict castVote(String conflictId, String voterId, String choice) {
        nextDue = Instant.MIN;
        requireId(voterId, "voter id", 128);
        requireId(choice, "choice", 128);
        return run(s -> conflicts.castVote(s, conflictId, voterId, choice));
    }

    /**
     * A person picks the winner of an escalated conflict.
     *
     * @return the resolved conflict
     * @throws IllegalArgumentException unknown escalation or a winner not involved
     * @throws IllegalStateException    the escalation is already closed
     */
    public synchronized Conflict decideEscalation(String escalationId, String winnerAgentId, String decidedBy) {
        nextDue = Instant.MIN;
        requireId(winnerAgentId, "winner", 128);
        requireId(decidedBy, "decided by", 128);
        return run(s -> conflicts.decide(s, escalationId, winnerAgentId, decidedBy));
    }

    /** Locks currently held (leases not yet run out), by resource name. */
    public List<Lease> locks() {
        return run(s -> locks.all(s).stream().filter(l -> l.leaseUntil().isAfter(s.now)).toList());
    }

    public List<Conflict> openConflicts() {
        return run(store::open);
    }

    /** The latest conflicts, open or resolved, newest first. */
    public List<Conflict> conflicts(int limit) {
        return run(s -> store.latest(s, Math.max(0, limit)));
    }

    public List<Vote> votes(String conflictId) {
        return run(s -> store.votes(s, conflictId));
    }

    public List<Escalation> openEscalations() {
        return run(store::openEscalations);
    }

    /** Conflicts ever opened; with {@link #conflictsResolved()} this gives the resolution rate. */
    public long conflictsOpened() {
        return run(s -> store.count(s, ""));
    }

    public long conflictsResolved() {
        return run(s -> store.count(s, "WHERE status = 'resolved'"));
    }

    /** The lock on a resource, after ending it if its lease has run out (a tick may not have come yet). */
    private Lease live(Step s, String resource) throws SQLException {
        Lease l = locks.find(s, resource);
        if (l == null || l.leaseUntil().isAfter(s.now)) {
            return l;
        }
        locks.remove(s, l, "lease expired");
        conflicts.handOff(s, resource, l.holder(), "let its lease run out");
        return locks.find(s, resource);
    }

    private <T> T run(StepWork<T> work) {
        Instant now = clock.instant();
        List<Step> done = new ArrayList<>(1);
        T result = db.inTransaction(c -> {
            Step s = new Step(c, now);
            T r = work.run(s);
            done.add(s);
            return r;
        });
        done.getFirst().events.forEach(events::publish);
        return result;
    }

    private static void requireId(String value, String what, int maxLength) {
        if (value == null || value.isBlank() || value.length() > maxLength) {
            throw new IllegalArgumentException(what + " must be 1 to " + maxLength + " characters: " + value);
        }
    }

    @FunctionalInterface
    private interface StepWork<T> {
        T run(Step s) throws SQLException;
    }
}
