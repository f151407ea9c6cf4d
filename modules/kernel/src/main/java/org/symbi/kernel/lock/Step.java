package org.symbi.kernel.lock;

import org.symbi.kernel.events.KernelEvent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One unit of lock work: its transaction, the instant it happens at, and the events it raises. The events
 * are published only after the transaction commits, so nobody hears of a change that was rolled back.
 */
final class Step {
    final Connection c;
    final Instant now;
    final List<KernelEvent> events = new ArrayList<>();

    Step(Connection c, Instant now) {
        this.c = c;
        this.now = now;
    }

    void raise(KernelEvent event) {
        events.add(event);
    }

    /** The instant of a query's single epoch-millisecond value, or {@link Instant#MAX} when it is null. */
    Instant earliest(String sql) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(sql); ResultSet rs = q.executeQuery()) {
            rs.next();
            long millis = rs.getLong(1);
            return rs.wasNull() ? Instant.MAX : Instant.ofEpochMilli(millis);
        }
    }
}
