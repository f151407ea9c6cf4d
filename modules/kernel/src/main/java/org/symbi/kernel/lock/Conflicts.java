package org.symbi.kernel.lock;

import org.symbi.kernel.events.KernelEvent;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The life of a conflict: opened (or joined), settled by its strategy or by the timeout rule, and its winner
 * given the lock. Every method works inside the caller's {@link Step}.
 */
final class Conflicts {
    private final LockTable locks;
    private final ConflictStore store;
    private final VoterEligibility eligibility;
    private final Predicate<String> offline;

    Conflicts(LockTable locks, ConflictStore store, VoterEligibility eligibility, Predicate<String> offline) {
        this.locks = locks;
        this.store = store;
        this.eligibility = eligibility;
        this.offline = offline;
    }

    /**
     * Opens a conflict and starts its strategy; priority-based ones are settled before this returns. When the
     * resource already has an open conflict the parties join that one instead, so there is one per resource.
     */
    Conflict open(Step s, ConflictType type, String resource, List<Party> parties, ResolutionStrategy strategy,
                  Duration timeout) throws SQLException {
        Conflict existing = store.openOn(s, resource);
        if (existing != null) {
            for (Party p : parties) {
                store.putParty(s, existing.conflictId(), p);
            }
            return store.find(s, existing.conflictId());
        }
        String id = store.nextConflictId(s);
        store.insert(s, id, type, resource, strategy, s.now.plus(timeout));
        for (Party p : parties) {
            store.putParty(s, id, p);
        }
        Conflict c = store.find(s, id);
        s.raise(new KernelEvent.ConflictOpened(s.now, id, type.wire(), resource, c.involvedAgents(), strategy.wire()));
        switch (strategy) {
            case PRIORITY_BASED -> byPriority(s, c, "");
            case HUMAN_ESCALATION -> escalate(s, c);
            case VOTING -> {
                // settled by castVote reaching a majority, or by the timeout rule
            }
        }
        return store.find(s, id);
    }

    Conflict castVote(Step s, String conflictId, String voterId, String choice) throws SQLException {
        Conflict c = require(s, conflictId);
        if (c.strategy() != ResolutionStrategy.VOTING) {
            throw new IllegalStateException("conflict " + conflictId + " is settled by " + c.strategy().wire()
                    + ", not by a vote");
        }
        Set<String> voters = eligibility.voters(c);
        if (!voters.contains(voterId)) {
            throw new IllegalArgumentException(voterId + " may not vote on conflict " + conflictId
                    + " (eligible: " + String.join(", ", voters) + ")");
        }
        List<Vote> votes = store.votes(s, conflictId);
        for (Vote v : votes) {
            if (v.voterId().equals(voterId)) {
                throw new IllegalStateException(voterId + " already voted for " + v.choice() + " on conflict "
                        + conflictId + "; a vote cannot be cast twice or changed");
            }
        }
        if (!c.involvedAgents().contains(choice)) {
            throw new IllegalArgumentException("'" + choice + "' is not involved in conflict " + conflictId
                    + " (choose one of: " + String.join(", ", c.involvedAgents()) + ")");
        }
        store.insertVote(s, new Vote(conflictId, voterId, choice, s.now));
        s.raise(new KernelEvent.VoteCast(s.now, conflictId, voterId, choice));
        ConflictResolver.Decision d = ConflictResolver.majority(store.votes(s, conflictId), voters);
        if (d != null) {
            resolve(s, c, d.winner(), d.reason());
        }
        return store.find(s, conflictId);
    }

    Conflict decide(Step s, String escalationId, String winner, String decidedBy) throws SQLException {
        ConflictStore.EscalationRow row = store.escalation(s, escalationId);
        if (row == null) {
            throw new IllegalArgumentException("no escalation " + escalationId);
        }
        if (!row.open()) {
            throw new IllegalStateException("escalation " + escalationId + " is already closed (" + row.status() + ")");
        }
        Conflict c = require(s, row.escalation().conflictId());
        if (!c.involvedAgents().contains(winner)) {
            throw new IllegalArgumentException("'" + winner + "' is not involved in conflict " + c.conflictId()
                    + " (choose one of: " + String.join(", ", c.involvedAgents()) + ")");
        }
        store.closeEscalation(s, escalationId, "decided", decidedBy);
        resolve(s, c, winner, "decided by " + decidedBy + ": " + winner + " wins");
        return store.find(s, c.conflictId());
    }

    /** Applies the timeout rule to an open conflict whose deadline has passed. */
    void timeOut(Step s, Conflict c) throws SQLException {
        switch (c.strategy()) {
            case VOTING -> {
                List<Vote> votes = store.votes(s, c.conflictId());
                ConflictResolver.Decision d = ConflictResolver.plurality(votes);
                if (d != null) {
                    resolve(s, c, d.winner(), d.reason());
                } else {
                    byPriority(s, c, votes.isEmpty()
                            ? "no votes by the timeout; fell back to priority_based: "
                            : "vote tied at the timeout (" + ConflictResolver.describe(ConflictResolver.tally(votes))
                            + "); fell back to priority_based: ");
                }
            }
            case HUMAN_ESCALATION -> {
                ConflictStore.EscalationRow row = store.escalationFor(s, c.conflictId());
                if (row != null && row.open()) {
                    store.closeEscalation(s, row.escalation().escalationId(), "timed_out", null);
                }
                byPriority(s, c, "escalation timed out; fell back to priority_based: ");
            }
            case PRIORITY_BASED -> byPriority(s, c, "");
        }
    }

    /**
     * A contention conflict whose holder let go is moot: the lock passes at once to the highest-priority
     * contender still online. Conflicts of other types wait for their own decision.
     */
    void handOff(Step s, String resource, String leaver, String why) throws SQLException {
        Conflict c = store.openOn(s, resource);
        if (c == null || c.type() != ConflictType.RESOURCE_CONTENTION) {
            return;
        }
        List<Party> waiting = store.parties(s, c.conflictId()).stream()
                .filter(p -> !p.agentId().equals(leaver) && !offline.test(p.agentId()))
                .toList();
        ConflictResolver.Decision d = ConflictResolver.byPriority(waiting, null);
        resolve(s, c, d.winner(), leaver + " " + why + " while the conflict was open; " + d.reason());
    }

    private void byPriority(Step s, Conflict c, String prefix) throws SQLException {
        Lease held = locks.find(s, c.resource());
        ConflictResolver.Decision d = ConflictResolver.byPriority(store.parties(s, c.conflictId()),
                held == null ? null : held.holder());
        resolve(s, c, d.winner(), prefix + d.reason());
    }

    private void escalate(Step s, Conflict c) throws SQLException {
        Lease held = locks.find(s, c.resource());
        String summary = c.type().wire() + " on '" + c.resource() + "' between " + String.join(", ", c.involvedAgents())
                + (held == null ? "; the resource is free" : "; held by " + held.holder());
        Escalation e = new Escalation(store.nextEscalationId(s), c.conflictId(), summary, s.now, c.deadline());
        store.insertEscalation(s, e);
        s.raise(new KernelEvent.EscalationOpened(s.now, e.escalationId(), c.conflictId(), summary, e.deadline()));
    }

    /** Records the outcome and gives the winner the lock, revoking it from a holder that lost. */
    private void resolve(Step s, Conflict c, String winner, String outcome) throws SQLException {
        if (winner != null) {
            Lease held = locks.find(s, c.resource());
            if (held == null || !held.holder().equals(winner)) {
                if (held != null) {
                    locks.remove(s, held, "preempted by " + winner + " (conflict " + c.conflictId() + ")");
                }
                Party party = store.parties(s, c.conflictId()).stream()
                        .filter(p -> p.agentId().equals(winner)).findFirst().orElseThrow();
                locks.grant(s, c.resource(), party);
            }
        }
        ConflictStore.EscalationRow row = store.escalationFor(s, c.conflictId());
        if (row != null && row.open()) {
            store.closeEscalation(s, row.escalation().escalationId(), "withdrawn", null);
        }
        store.resolve(s, c.conflictId(), winner, outcome);
        s.raise(new KernelEvent.ConflictResolved(s.now, c.conflictId(), winner, outcome, c.strategy().wire()));
    }

    private Conflict require(Step s, String conflictId) throws SQLException {
        Conflict c = store.find(s, conflictId);
        if (c == null) {
            throw new IllegalArgumentException("no conflict " + conflictId);
        }
        if (!c.open()) {
            throw new IllegalStateException("conflict " + conflictId + " is already resolved: " + c.outcome());
        }
        return c;
    }
}
