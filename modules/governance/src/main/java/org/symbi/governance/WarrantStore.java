package org.symbi.governance;

import org.symbi.store.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Live warrants, indexed in memory by agent and exact kind (kinds with wildcards in a per-agent list), and
 * their rows in H2. Issue, revocation, ending and budget spend are written at once; use counts are written
 * in batches by {@link #flush()}, safe because uses are reserved durably ahead of being handed out
 * (docs/decisions/0006-warrants-bound-to-actions.md).
 */
final class WarrantStore {
    private static final List<Warrant> NONE = List.of();
    private static final String COLUMNS = "id, agent_id, scope_json, issued_at, expires_at, max_uses, uses_reserved,"
            + " uses, budget, spent, plan_id, phase, tasks_json, status, end_reason";

    private final Database db;
    private final Map<String, Warrant> byId = new ConcurrentHashMap<>();
    private final Map<String, AgentIndex> byAgent = new ConcurrentHashMap<>();

    private static final class AgentIndex {
        final Map<String, List<Warrant>> exact = new ConcurrentHashMap<>();
        final List<Warrant> wildcard = new CopyOnWriteArrayList<>();
    }

    WarrantStore(Database db) {
        this.db = db;
        load();
    }

    Warrant issue(String agentId, WarrantTerms terms, Instant now, String planId, String phase) {
        Warrant w = new Warrant("w-" + UUID.randomUUID(), agentId, terms, now, planId, phase, terms.tasks(),
                Warrant.Status.ACTIVE, null, 0, 0, 0);
        db.inTransaction(c -> {
            try (PreparedStatement ins = c.prepareStatement(
                    "INSERT INTO gov_warrant VALUES (?, ?, ?, ?, ?, ?, 0, 0, ?, 0, ?, ?, ?, 'ACTIVE', NULL)")) {
                ins.setString(1, w.id());
                ins.setString(2, agentId);
                ins.setString(3, Json.write(terms.scope()));
                ins.setLong(4, now.toEpochMilli());
                ins.setLong(5, terms.expiresAt().toEpochMilli());
                ins.setInt(6, terms.maxUses());
                ins.setLong(7, terms.budget());
                ins.setString(8, planId);
                ins.setString(9, phase);
                ins.setString(10, Json.write(terms.tasks()));
                return ins.executeUpdate();
            }
        });
        db.sync();
        index(w);
        return w;
    }

    Warrant get(String id) {
        return byId.get(id);
    }

    /** The agent's live warrants whose kinds may cover {@code kind}. */
    List<Warrant> candidates(String agentId, String kind) {
        AgentIndex idx = byAgent.get(agentId);
        if (idx == null) {
            return NONE;
        }
        List<Warrant> exact = idx.exact.getOrDefault(kind, NONE);
        if (idx.wildcard.isEmpty()) {
            return exact;
        }
        List<Warrant> all = new ArrayList<>(exact);
        all.addAll(idx.wildcard);
        return all;
    }

    List<Warrant> live() {
        return List.copyOf(byId.values());
    }

    /** Makes a reservation of uses durable before the use it covers is handed out. */
    void reserve(Warrant w, int usesReserved) {
        db.inTransaction(c -> {
            try (PreparedStatement up = c.prepareStatement("UPDATE gov_warrant SET uses_reserved = ? WHERE id = ?")) {
                up.setInt(1, usesReserved);
                up.setString(2, w.id());
                return up.executeUpdate();
            }
        });
        db.sync();
    }

    void spend(Warrant w, long amount) {
        w.spend(amount);
        db.inTransaction(c -> {
            try (PreparedStatement up = c.prepareStatement("UPDATE gov_warrant SET spent = ? WHERE id = ?")) {
                up.setLong(1, w.spent());
                up.setString(2, w.id());
                return up.executeUpdate();
            }
        });
    }

    /** Ends a live warrant; false if it had ended already. */
    boolean end(Warrant w, Warrant.Status status, String reason) {
        if (!w.end(status, reason)) {
            return false;
        }
        db.inTransaction(c -> {
            try (PreparedStatement up = c.prepareStatement(
                    "UPDATE gov_warrant SET status = ?, end_reason = ?, uses = ?, tasks_json = ? WHERE id = ?")) {
                up.setString(1, status.name());
                up.setString(2, reason);
                up.setInt(3, w.uses());
                up.setString(4, Json.write(w.openTasks()));
                up.setString(5, w.id());
                return up.executeUpdate();
            }
        });
        db.sync();
        unindex(w);
        return true;
    }

    void saveTasks(Warrant w) {
        db.inTransaction(c -> {
            try (PreparedStatement up = c.prepareStatement("UPDATE gov_warrant SET tasks_json = ? WHERE id = ?")) {
                up.setString(1, Json.write(w.openTasks()));
                up.setString(2, w.id());
                return up.executeUpdate();
            }
        });
    }

    /**
     * Writes changed use counts in one transaction. With {@code shrinkReservations} (a clean shutdown) the
     * reservation is brought down to the exact count so that a restart loses no unused reservations.
     */
    void flush(boolean shrinkReservations) {
        List<Object[]> rows = new ArrayList<>();
        for (Warrant w : byId.values()) {
            int[] counts = w.takeDirtyCounts();
            if (counts != null || shrinkReservations) {
                int uses = w.uses();
                rows.add(new Object[]{uses, shrinkReservations ? uses : w.usesReserved(), w.id()});
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        db.inTransaction(c -> {
            try (PreparedStatement up = c.prepareStatement("UPDATE gov_warrant SET uses = ?, uses_reserved = ? WHERE id = ?")) {
                for (Object[] r : rows) {
                    up.setInt(1, (Integer) r[0]);
                    up.setInt(2, (Integer) r[1]);
                    up.setString(3, (String) r[2]);
                    up.addBatch();
                }
                return up.executeBatch();
            }
        });
    }

    private void load() {
        db.read(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + " FROM gov_warrant WHERE status = 'ACTIVE'");
                 ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    int maxUses = rs.getInt(6);
                    // After a crash the exact count may be older than the reservation: count every reserved use as
                    // spent, so a warrant is never used more often than it allows.
                    int uses = maxUses > 0 ? Math.max(rs.getInt(7), rs.getInt(8)) : rs.getInt(8);
                    index(fromRow(rs, uses));
                }
            }
            return null;
        });
    }

    /** Warrants no longer live, the most recently issued first, as their rows say they ended. */
    List<Warrant> ended(int limit) {
        return db.read(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM gov_warrant WHERE status <> 'ACTIVE' ORDER BY issued_at DESC LIMIT ?")) {
                q.setInt(1, limit);
                List<Warrant> out = new ArrayList<>();
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(fromRow(rs, rs.getInt(8)));
                    }
                }
                return out;
            }
        });
    }

    private static Warrant fromRow(ResultSet rs, int uses) throws SQLException {
        WarrantTerms terms = new WarrantTerms(Json.read(rs.getString(3), WarrantScope.class),
                Instant.ofEpochMilli(rs.getLong(5)), rs.getInt(6), rs.getLong(9), Json.readSet(rs.getString(13)));
        // Open tasks are stored in the same column; the terms keep whether it was task-scoped at all.
        return new Warrant(rs.getString(1), rs.getString(2), terms, Instant.ofEpochMilli(rs.getLong(4)),
                rs.getString(11), rs.getString(12), terms.tasks(), Warrant.Status.valueOf(rs.getString(14)),
                rs.getString(15), uses, rs.getInt(7), rs.getLong(10));
    }

    private void index(Warrant w) {
        byId.put(w.id(), w);
        AgentIndex idx = byAgent.computeIfAbsent(w.agentId(), a -> new AgentIndex());
        for (String kind : w.terms().scope().kinds()) {
            if (kind.indexOf('*') >= 0 || kind.indexOf('?') >= 0) {
                idx.wildcard.add(w);
            } else {
                idx.exact.computeIfAbsent(kind, k -> new CopyOnWriteArrayList<>()).add(w);
            }
        }
    }

    private void unindex(Warrant w) {
        byId.remove(w.id());
        AgentIndex idx = byAgent.get(w.agentId());
        if (idx != null) {
            idx.wildcard.remove(w);
            idx.exact.values().forEach(list -> list.remove(w));
        }
    }
}
