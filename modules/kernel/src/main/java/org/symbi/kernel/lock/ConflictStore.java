package org.symbi.kernel.lock;

import org.symbi.protocol.Priority;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Conflicts, their parties, votes and escalations, kept in the database as the state and the record. */
final class ConflictStore {
    private static final String CONFLICT = "SELECT conflict_id, conflict_type, resource, strategy, status, winner, "
            + "outcome, opened_at, deadline, resolved_at FROM lock_conflict";

    /** A stored escalation with the state the public record leaves out. */
    record EscalationRow(Escalation escalation, String status) {
        boolean open() {
            return "open".equals(status);
        }
    }

    String nextConflictId(Step s) throws SQLException {
        return "C-" + next(s, "lock_conflict_seq");
    }

    String nextEscalationId(Step s) throws SQLException {
        return "E-" + next(s, "escalation_seq");
    }

    void insert(Step s, String id, ConflictType type, String resource, ResolutionStrategy strategy, Instant deadline)
            throws SQLException {
        update(s, "INSERT INTO lock_conflict (conflict_id, conflict_type, resource, strategy, status, opened_at, "
                        + "deadline) VALUES (?, ?, ?, ?, 'open', ?, ?)",
                id, type.wire(), resource, strategy.wire(), s.now.toEpochMilli(), deadline.toEpochMilli());
    }

    /** Adds a party, or refreshes what an agent already involved asks for. */
    void putParty(Step s, String conflictId, Party p) throws SQLException {
        int changed = update(s, "UPDATE conflict_party SET priority = ?, lease_ms = ? WHERE conflict_id = ? AND agent_id = ?",
                p.priority().wire(), p.lease().toMillis(), conflictId, p.agentId());
        if (changed == 0) {
            update(s, "INSERT INTO conflict_party (conflict_id, agent_id, position, priority, lease_ms) VALUES (?, ?, "
                            + "(SELECT COUNT(*) FROM conflict_party WHERE conflict_id = ?), ?, ?)",
                    conflictId, p.agentId(), conflictId, p.priority().wire(), p.lease().toMillis());
        }
    }

    List<Party> parties(Step s, String conflictId) throws SQLException {
        try (PreparedStatement q = s.c.prepareStatement("SELECT agent_id, priority, lease_ms FROM conflict_party "
                + "WHERE conflict_id = ? ORDER BY position")) {
            q.setString(1, conflictId);
            List<Party> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new Party(rs.getString(1), Priority.fromWire(rs.getString(2)),
                            Duration.ofMillis(rs.getLong(3))));
                }
            }
            return out;
        }
    }

    Conflict find(Step s, String conflictId) throws SQLException {
        List<Conflict> found = conflicts(s, CONFLICT + " WHERE conflict_id = ?", conflictId);
        return found.isEmpty() ? null : found.getFirst();
    }

    Conflict openOn(Step s, String resource) throws SQLException {
        List<Conflict> found = conflicts(s, CONFLICT + " WHERE status = 'open' AND resource = ?", resource);
        return found.isEmpty() ? null : found.getFirst();
    }

    List<Conflict> open(Step s) throws SQLException {
        return conflicts(s, CONFLICT + " WHERE status = 'open' ORDER BY opened_at, conflict_id");
    }

    List<Conflict> overdue(Step s) throws SQLException {
        return conflicts(s, CONFLICT + " WHERE status = 'open' AND deadline <= ? ORDER BY deadline, conflict_id",
                s.now.toEpochMilli());
    }

    List<Conflict> latest(Step s, int limit) throws SQLException {
        return conflicts(s, CONFLICT + " ORDER BY opened_at DESC, conflict_id DESC LIMIT ?", limit);
    }

    /** The deadline of the first open conflict to time out, or {@link Instant#MAX} without one. */
    Instant earliestDeadline(Step s) throws SQLException {
        return s.earliest("SELECT MIN(deadline) FROM lock_conflict WHERE status = 'open'");
    }

    long count(Step s, String where) throws SQLException {
        try (PreparedStatement q = s.c.prepareStatement("SELECT COUNT(*) FROM lock_conflict " + where);
             ResultSet rs = q.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void resolve(Step s, String conflictId, String winner, String outcome) throws SQLException {
        update(s, "UPDATE lock_conflict SET status = 'resolved', winner = ?, outcome = ?, resolved_at = ? "
                + "WHERE conflict_id = ?", winner, outcome, s.now.toEpochMilli(), conflictId);
    }

    void insertVote(Step s, Vote v) throws SQLException {
        update(s, "INSERT INTO conflict_vote (conflict_id, voter_id, choice, cast_at) VALUES (?, ?, ?, ?)",
                v.conflictId(), v.voterId(), v.choice(), v.castAt().toEpochMilli());
    }

    List<Vote> votes(Step s, String conflictId) throws SQLException {
        try (PreparedStatement q = s.c.prepareStatement("SELECT voter_id, choice, cast_at FROM conflict_vote "
                + "WHERE conflict_id = ? ORDER BY cast_at, voter_id")) {
            q.setString(1, conflictId);
            List<Vote> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new Vote(conflictId, rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3))));
                }
            }
            return out;
        }
    }

    void insertEscalation(Step s, Escalation e) throws SQLException {
        update(s, "INSERT INTO escalation (escalation_id, conflict_id, summary, status, opened_at, deadline) "
                        + "VALUES (?, ?, ?, 'open', ?, ?)",
                e.escalationId(), e.conflictId(), e.summary(), e.openedAt().toEpochMilli(), e.deadline().toEpochMilli());
    }

    EscalationRow escalation(Step s, String escalationId) throws SQLException {
        List<EscalationRow> found = escalations(s, " WHERE escalation_id = ?", escalationId);
        return found.isEmpty() ? null : found.getFirst();
    }

    EscalationRow escalationFor(Step s, String conflictId) throws SQLException {
        List<EscalationRow> found = escalations(s, " WHERE conflict_id = ?", conflictId);
        return found.isEmpty() ? null : found.getFirst();
    }

    List<Escalation> openEscalations(Step s) throws SQLException {
        return escalations(s, " WHERE status = 'open' ORDER BY deadline, escalation_id").stream()
                .map(EscalationRow::escalation).toList();
    }

    void closeEscalation(Step s, String escalationId, String status, String decidedBy) throws SQLException {
        update(s, "UPDATE escalation SET status = ?, decided_by = ?, decided_at = ? WHERE escalation_id = ?",
                status, decidedBy, s.now.toEpochMilli(), escalationId);
    }

    private List<EscalationRow> escalations(Step s, String where, Object... args) throws SQLException {
        try (PreparedStatement q = prepare(s, "SELECT escalation_id, conflict_id, summary, opened_at, deadline, "
                + "status FROM escalation" + where, args); ResultSet rs = q.executeQuery()) {
            List<EscalationRow> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new EscalationRow(new Escalation(rs.getString(1), rs.getString(2), rs.getString(3),
                        Instant.ofEpochMilli(rs.getLong(4)), Instant.ofEpochMilli(rs.getLong(5))), rs.getString(6)));
            }
            return out;
        }
    }

    private List<Conflict> conflicts(Step s, String sql, Object... args) throws SQLException {
        List<Conflict> out = new ArrayList<>();
        try (PreparedStatement q = prepare(s, sql, args); ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                long resolvedAt = rs.getLong(10);
                Instant resolved = rs.wasNull() ? null : Instant.ofEpochMilli(resolvedAt);
                out.add(new Conflict(rs.getString(1), ConflictType.fromWire(rs.getString(2)), rs.getString(3),
                        List.of(), ResolutionStrategy.fromWire(rs.getString(4)),
                        "open".equals(rs.getString(5)) ? Conflict.Status.OPEN : Conflict.Status.RESOLVED,
                        rs.getString(6), rs.getString(7), Instant.ofEpochMilli(rs.getLong(8)),
                        Instant.ofEpochMilli(rs.getLong(9)), resolved));
            }
        }
        List<Conflict> withAgents = new ArrayList<>(out.size());
        for (Conflict c : out) {
            withAgents.add(new Conflict(c.conflictId(), c.type(), c.resource(),
                    parties(s, c.conflictId()).stream().map(Party::agentId).toList(), c.strategy(), c.status(),
                    c.winner(), c.outcome(), c.openedAt(), c.deadline(), c.resolvedAt()));
        }
        return withAgents;
    }

    private static long next(Step s, String sequence) throws SQLException {
        try (PreparedStatement q = s.c.prepareStatement("SELECT NEXT VALUE FOR " + sequence);
             ResultSet rs = q.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int update(Step s, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(s, sql, args)) {
            return ps.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Step s, String sql, Object... args) throws SQLException {
        PreparedStatement ps = s.c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }
}
