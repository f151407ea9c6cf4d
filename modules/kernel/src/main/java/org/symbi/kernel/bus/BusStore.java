package org.symbi.kernel.bus;

import org.symbi.protocol.Envelope;
import org.symbi.protocol.ProtocolCodec;
import org.symbi.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** SQL of the durable bus: the {@code bus_message}, {@code bus_subscription} and {@code bus_boot} tables. */
final class BusStore {
    static final String INBOX = "INBOX";
    static final String DONE = "DONE";
    static final String DEAD = "DEAD";

    private static final String INSERT = """
            INSERT INTO bus_message (seq, message_id, recipient, sender, message_type, lane, state, envelope, accepted_at)
            SELECT ?, ?, ?, ?, ?, ?, 'INBOX', ?, ?
            WHERE NOT EXISTS (SELECT 1 FROM bus_message WHERE message_id = ? AND recipient = ?)""";

    private final Database db;
    private final ProtocolCodec codec;

    BusStore(Database db, ProtocolCodec codec) {
        this.db = db;
        this.codec = codec;
    }

    Database database() {
        return db;
    }

    /** Counts this start and returns the count: the high bits of this run's delivery ids. */
    long boot() {
        return db.inTransaction(c -> {
            try (PreparedStatement up = c.prepareStatement("UPDATE bus_boot SET boots = boots + 1 WHERE id = 1")) {
                up.executeUpdate();
            }
            try (PreparedStatement q = c.prepareStatement("SELECT boots FROM bus_boot WHERE id = 1");
                 ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    long maxSeq() {
        return db.read(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM bus_message");
                 ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Inserts rows that are not there yet; returns, per row, whether it was new. */
    boolean[] insert(Connection c, List<BusMessage> rows, List<byte[]> encoded, long acceptedAtMillis)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (int i = 0; i < rows.size(); i++) {
                BusMessage m = rows.get(i);
                Envelope e = m.envelope();
                ps.setLong(1, m.seq());
                ps.setString(2, e.messageId());
                ps.setString(3, m.recipient());
                ps.setString(4, e.fromAgent());
                ps.setString(5, e.messageType().wire());
                ps.setInt(6, m.lane());
                ps.setBytes(7, encoded.get(i));
                ps.setLong(8, acceptedAtMillis);
                ps.setString(9, e.messageId());
                ps.setString(10, m.recipient());
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            boolean[] fresh = new boolean[counts.length];
            for (int i = 0; i < counts.length; i++) {
                fresh[i] = counts[i] != 0;
            }
            return fresh;
        }
    }

    void markDone(Connection c, List<Long> seqs, long atMillis) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE bus_message SET state = 'DONE', ended_at = ? WHERE seq = ? AND state = 'INBOX'")) {
            for (long seq : seqs) {
                ps.setLong(1, atMillis);
                ps.setLong(2, seq);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    void markDead(Connection c, long seq, int attempts, String reason, long atMillis) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE bus_message SET state = 'DEAD', attempts = ?, dead_reason = ?, ended_at = ? WHERE seq = ?")) {
            ps.setInt(1, attempts);
            ps.setString(2, reason);
            ps.setLong(3, atMillis);
            ps.setLong(4, seq);
            ps.executeUpdate();
        }
    }

    /** Streams every waiting message, oldest first, to rebuild the inboxes after a start. */
    void forEachWaiting(Consumer<BusMessage> sink) {
        db.read(c -> {
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT seq, recipient, lane, attempts, envelope FROM bus_message WHERE state = 'INBOX' ORDER BY seq")) {
                q.setFetchSize(1000);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(row(rs));
                    }
                }
            }
            return null;
        });
    }

    List<BusMessage> loadWaiting(String recipient, int lane, long fromSeq, int limit) {
        return db.read(c -> {
            try (PreparedStatement q = c.prepareStatement("""
                    SELECT seq, recipient, lane, attempts, envelope FROM bus_message
                    WHERE recipient = ? AND state = 'INBOX' AND lane = ? AND seq >= ? ORDER BY seq LIMIT ?""")) {
                q.setString(1, recipient);
                q.setInt(2, lane);
                q.setLong(3, fromSeq);
                q.setInt(4, limit);
                List<BusMessage> out = new ArrayList<>();
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                }
                return out;
            }
        });
    }

    private BusMessage row(ResultSet rs) throws SQLException {
        return new BusMessage(rs.getLong(1), rs.getString(2), codec.decode(rs.getBytes(5)), rs.getInt(3), true,
                rs.getInt(4), System.nanoTime());
    }

    /** The most recent message ids, newest first, to warm the duplicate window after a start. */
    List<String> recentMessageIds(int limit) {
        return db.read(c -> {
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT DISTINCT message_id, seq FROM bus_message ORDER BY seq DESC LIMIT ?")) {
                q.setInt(1, limit);
                List<String> out = new ArrayList<>();
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
    }

    List<DeadLetter> deadLetters(String recipientOrNull, int limit) {
        return db.read(c -> {
            String sql = "SELECT seq, recipient, envelope, attempts, dead_reason, ended_at FROM bus_message WHERE state = 'DEAD'"
                    + (recipientOrNull != null ? " AND recipient = ?" : "") + " ORDER BY seq LIMIT ?";
            try (PreparedStatement q = c.prepareStatement(sql)) {
                int i = 1;
                if (recipientOrNull != null) {
                    q.setString(i++, recipientOrNull);
                }
                q.setInt(i, limit);
                List<DeadLetter> out = new ArrayList<>();
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(new DeadLetter(rs.getLong(1), rs.getString(2), codec.decode(rs.getBytes(3)),
                                rs.getInt(4), rs.getString(5), rs.getLong(6)));
                    }
                }
                return out;
            }
        });
    }

    /** Puts a dead letter back in its inbox with a fresh delivery count; returns it, or null if unknown. */
    BusMessage revive(long seq) {
        return db.inTransaction(c -> {
            try (PreparedStatement up = c.prepareStatement(
                    "UPDATE bus_message SET state = 'INBOX', attempts = 0, dead_reason = NULL, ended_at = NULL WHERE seq = ? AND state = 'DEAD'")) {
                up.setLong(1, seq);
                if (up.executeUpdate() == 0) {
                    return null;
                }
            }
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT seq, recipient, lane, attempts, envelope FROM bus_message WHERE seq = ?")) {
                q.setLong(1, seq);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    return row(rs);
                }
            }
        });
    }

    boolean discard(long seq) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM bus_message WHERE seq = ? AND state = 'DEAD'")) {
                ps.setLong(1, seq);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Deletes delivered messages older than the retention: the end of their duplicate protection. */
    int purgeDone(long olderThanMillis) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM bus_message WHERE state = 'DONE' AND ended_at < ?")) {
                ps.setLong(1, olderThanMillis);
                return ps.executeUpdate();
            }
        });
    }

    /** Counts of messages per state, for metrics and the UI. */
    Map<String, Long> countByState() {
        return db.read(c -> {
            Map<String, Long> out = new java.util.HashMap<>();
            try (PreparedStatement q = c.prepareStatement("SELECT state, COUNT(*) FROM bus_message GROUP BY state");
                 ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
            return out;
        });
    }

    void subscribe(String agentId, String topic) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("MERGE INTO bus_subscription (agent_id, topic) KEY (agent_id, topic) VALUES (?, ?)")) {
                ps.setString(1, agentId);
                ps.setString(2, topic);
                return ps.executeUpdate();
            }
        });
    }

    void unsubscribe(String agentId, String topic) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM bus_subscription WHERE agent_id = ? AND topic = ?")) {
                ps.setString(1, agentId);
                ps.setString(2, topic);
                return ps.executeUpdate();
            }
        });
    }

    List<String[]> subscriptions() {
        return db.read(c -> {
            List<String[]> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT agent_id, topic FROM bus_subscription");
                 ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            return out;
        });
    }
}
