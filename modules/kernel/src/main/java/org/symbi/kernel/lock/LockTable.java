package org.symbi.kernel.lock;

import org.symbi.kernel.events.KernelEvent;
import org.symbi.protocol.Priority;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The held locks, kept only in the database so that a restart finds them as they were. */
final class LockTable {
    private static final String COLUMNS = "SELECT resource, holder, priority, acquired_at, lease_until FROM resource_lock";

    Lease find(Step s, String resource) throws SQLException {
        List<Lease> found = query(s, COLUMNS + " WHERE resource = ?", resource);
        return found.isEmpty() ? null : found.getFirst();
    }

    List<Lease> heldBy(Step s, String agentId) throws SQLException {
        return query(s, COLUMNS + " WHERE holder = ? ORDER BY resource", agentId);
    }

    List<Lease> expired(Step s) throws SQLException {
        return query(s, COLUMNS + " WHERE lease_until <= ? ORDER BY lease_until, resource", s.now.toEpochMilli());
    }

    /** When the first lease runs out, or {@link Instant#MAX} without locks. */
    Instant earliestEnd(Step s) throws SQLException {
        return s.earliest("SELECT MIN(lease_until) FROM resource_lock");
    }

    List<Lease> all(Step s) throws SQLException {
        return query(s, COLUMNS + " ORDER BY resource");
    }

    /** Gives the resource to a party (or renews its lease) from now on. */
    Lease grant(Step s, String resource, Party p) throws SQLException {
        Lease current = find(s, resource);
        Instant acquiredAt = current != null && current.holder().equals(p.agentId()) ? current.acquiredAt() : s.now;
        Lease lease = new Lease(resource, p.agentId(), p.priority(), acquiredAt, s.now.plus(p.lease()));
        try (PreparedStatement ps = s.c.prepareStatement("MERGE INTO resource_lock (resource, holder, priority, "
                + "acquired_at, lease_until) KEY (resource) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, resource);
            ps.setString(2, lease.holder());
            ps.setString(3, lease.priority().wire());
            ps.setLong(4, lease.acquiredAt().toEpochMilli());
            ps.setLong(5, lease.leaseUntil().toEpochMilli());
            ps.executeUpdate();
        }
        s.raise(new KernelEvent.LockAcquired(s.now, resource, lease.holder(), lease.leaseUntil()));
        return lease;
    }

    void remove(Step s, Lease lease, String reason) throws SQLException {
        try (PreparedStatement ps = s.c.prepareStatement("DELETE FROM resource_lock WHERE resource = ?")) {
            ps.setString(1, lease.resource());
            ps.executeUpdate();
        }
        s.raise(new KernelEvent.LockReleased(s.now, lease.resource(), lease.holder(), reason));
    }

    private static List<Lease> query(Step s, String sql, Object... args) throws SQLException {
        try (PreparedStatement q = s.c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                q.setObject(i + 1, args[i]);
            }
            List<Lease> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new Lease(rs.getString(1), rs.getString(2), Priority.fromWire(rs.getString(3)),
                            Instant.ofEpochMilli(rs.getLong(4)), Instant.ofEpochMilli(rs.getLong(5))));
                }
            }
            return out;
        }
    }
}
