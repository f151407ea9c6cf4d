package org.symbi.kernel.bus;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.ProtocolException;
import org.symbi.protocol.ProtocolCodec;
import org.symbi.store.Database;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** SQL of the durable bus: the {@code bus_message}, {@code bus_subscription} and {@code bus_boot} tables. */
final class BusStore {
    private static final Logger LOG = LoggerFactory.getLogger(BusStore.class);
    private static final String INSERT = """
            INSERT INTO bus_message (seq, message_id, recipient, sender, message_type, lane, envelope, accepted_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String WAITING = """
            SELECT m.seq, m.recipient, m.lane, m.envelope FROM bus_message m
            LEFT JOIN bus_ended e ON e.seq = m.seq WHERE e.seq IS NULL""";
    private static final String DUPLICATE_KEY = "23505";

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

    /** Inserts the rows in one batch; the copies of one message for its recipients share its encoded bytes. */
    void insert(Connection c, List<BusMessage> rows, long acceptedAtMillis) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (BusMessage m : rows) {
                Envelope e = m.envelope();
                ps.setLong(1, m.seq());
                ps.setString(2, e.messageId());
                ps.setString(3, m.recipient());
                ps.setString(4, e.fromAgent());
                ps.setString(5, e.messageType().wire());
                ps.setInt(6, m.lane());
                ps.setBytes(7, m.encoded());
                ps.setLong(8, acceptedAtMillis);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Records how messages ended. Nearly every ending is a message's first, so they go in as plain inserts;
     * the few whose message already has one (a late ack of a dead letter) then overwrite it, last one wins.
     */
    void markEnded(Connection c, List<Ending> endings, long atMillis) throws SQLException {
        List<Ending> again = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO bus_ended (seq, state, attempts, reason, ended_at) VALUES (?, ?, ?, ?, ?)")) {
            addEndings(ps, endings, atMillis);
            try {
                ps.executeBatch();
            } catch (BatchUpdateException partial) {
                for (SQLException next = partial.getNextException(); next != null; next = next.getNextException()) {
                    if (!DUPLICATE_KEY.equals(next.getSQLState())) {
                        throw partial;
                    }
                }
                int[] counts = partial.getUpdateCounts();
                for (int i = 0; i < endings.size(); i++) {
                    if (i >= counts.length || counts[i] == Statement.EXECUTE_FAILED) {
                        again.add(endings.get(i));
                    }
                }
            }
        }
        if (!again.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "MERGE INTO bus_ended (seq, state, attempts, reason, ended_at) KEY (seq) VALUES (?, ?, ?, ?, ?)")) {
                addEndings(ps, again, atMillis);
                ps.executeBatch();
            }
        }
    }

    private static void addEndings(PreparedStatement ps, List<Ending> endings, long atMillis) throws SQLException {
        for (Ending end : endings) {
            ps.setLong(1, end.seq());
            ps.setString(2, end.dead() ? "DEAD" : "DONE");
            ps.setInt(3, end.attempts());
            ps.setString(4, end.reason());
            ps.setLong(5, atMillis);
            ps.addBatch();
        }
    }

    /** How one delivered message ended: acknowledged, or dead-lettered with a reason. */
    record Ending(long seq, boolean dead, int attempts, String reason) {
    }

    /** Streams every waiting message, oldest first, to rebuild the inboxes after a start. */
    void forEachWaiting(Consumer<BusMessage> sink) {
        List<Ending> unreadable = new ArrayList<>();
        db.read(c -> {
            try (PreparedStatement q = c.prepareStatement(WAITING + " ORDER BY m.seq")) {
                q.setFetchSize(1000);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        readable(rs, unreadable).ifPresent(sink);
                    }
                }
            }
            return null;
        });
        deadLetterUnreadable(unreadable);
    }

    /**
     * A stored row whose envelope no longer decodes (a damaged file, or a row written by an incompatible
     * version) must not stop the bus from starting: it is set aside as a dead letter with the reason.
     */
    private Optional<BusMessage> readable(ResultSet rs, List<Ending> unreadable) throws SQLException {
        try {
            return Optional.of(row(rs));
        } catch (ProtocolException e) {
            LOG.error("stored message {} cannot be read and goes to the dead letters: {}", rs.getLong(1), e.getMessage());
            String reason = "stored envelope unreadable: " + e.getMessage();
            unreadable.add(new Ending(rs.getLong(1), true, 0, reason.substring(0, Math.min(reason.length(), 512))));
            return Optional.empty();
        }
    }

    private void deadLetterUnreadable(List<Ending> unreadable) {
        if (!unreadable.isEmpty()) {
            db.inTransaction(c -> {
                markEnded(c, unreadable, System.currentTimeMillis());
                return null;
            });
        }
    }

    /** What a refill read: the readable messages, how many rows it read, and the last row's seq. */
    record Loaded(List<BusMessage> messages, int rows, long lastSeq) {
    }

    Loaded loadWaiting(String recipient, int lane, long fromSeq, long toSeq, int limit) {
        List<Ending> unreadable = new ArrayList<>();
        Loaded loaded = db.read(c -> {
            try (PreparedStatement q = c.prepareStatement(WAITING
                    + " AND m.recipient = ? AND m.lane = ? AND m.seq >= ? AND m.seq <= ? ORDER BY m.seq LIMIT ?")) {
                q.setString(1, recipient);
                q.setInt(2, lane);
                q.setLong(3, fromSeq);
                q.setLong(4, toSeq);
                q.setInt(5, limit);
                List<BusMessage> out = new ArrayList<>();
                int rows = 0;
                long last = fromSeq - 1;
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        rows++;
                        last = rs.getLong(1);
                        readable(rs, unreadable).ifPresent(out::add);
                    }
                }
                return new Loaded(out, rows, last);
            }
        });
        deadLetterUnreadable(unreadable);
        return loaded;
    }

    private BusMessage row(ResultSet rs) throws SQLException {
        byte[] encoded = rs.getBytes(4);
        return new BusMessage(rs.getLong(1), rs.getString(2), codec.decode(encoded), encoded, rs.getInt(3), true,
                0, System.nanoTime());
    }

    /** The most recent (sender, message id) keys, newest first, to warm the duplicate window after a start. */
    List<String> recentDedupKeys(int limit) {
        return db.read(c -> {
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT sender, message_id FROM bus_message ORDER BY seq DESC LIMIT ?")) {
                q.setInt(1, limit);
                List<String> out = new ArrayList<>();
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(DedupWindow.key(rs.getString(1), rs.getString(2)));
                    }
                }
                return out;
            }
        });
    }

    List<DeadLetter> deadLetters(String recipientOrNull, int limit) {
        return db.read(c -> {
            String sql = "SELECT m.seq, m.recipient, m.envelope, e.attempts, e.reason, e.ended_at FROM bus_message m"
                    + " JOIN bus_ended e ON e.seq = m.seq WHERE e.state = 'DEAD'"
                    + (recipientOrNull != null ? " AND m.recipient = ?" : "") + " ORDER BY m.seq LIMIT ?";
            try (PreparedStatement q = c.prepareStatement(sql)) {
                int i = 1;
                if (recipientOrNull != null) {
                    q.setString(i++, recipientOrNull);
                }
                q.setInt(i, limit);
                List<DeadLetter> out = new ArrayList<>();
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(new DeadLetter(rs.getLong(1), rs.getString(2), decodeOrNull(rs.getBytes(3)),
                                rs.getInt(4), rs.getString(5), rs.getLong(6)));
                    }
                }
                return out;
            }
        });
    }

    private Envelope decodeOrNull(byte[] bytes) {
        try {
            return codec.decode(bytes);
        } catch (ProtocolException unreadable) {
            return null;
        }
    }

    /** Puts a dead letter back in its inbox with a fresh delivery count; returns it, or null if unknown. */
    BusMessage revive(long seq) {
        return db.inTransaction(c -> {
            try (PreparedStatement up = c.prepareStatement("DELETE FROM bus_ended WHERE seq = ? AND state = 'DEAD'")) {
                up.setLong(1, seq);
                if (up.executeUpdate() == 0) {
                    return null;
                }
            }
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT seq, recipient, lane, envelope FROM bus_message WHERE seq = ?")) {
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
            try (PreparedStatement ended = c.prepareStatement("DELETE FROM bus_ended WHERE seq = ? AND state = 'DEAD'");
                 PreparedStatement message = c.prepareStatement("DELETE FROM bus_message WHERE seq = ?")) {
                ended.setLong(1, seq);
                if (ended.executeUpdate() == 0) {
                    return false;
                }
                message.setLong(1, seq);
                return message.executeUpdate() == 1;
            }
        });
    }

    /** Deletes delivered messages older than the retention: the end of their duplicate protection. */
    int purgeDone(long olderThanMillis) {
        return db.inTransaction(c -> {
            try (PreparedStatement messages = c.prepareStatement(
                    "DELETE FROM bus_message WHERE seq IN (SELECT seq FROM bus_ended WHERE state = 'DONE' AND ended_at < ?)");
                 PreparedStatement ended = c.prepareStatement("DELETE FROM bus_ended WHERE state = 'DONE' AND ended_at < ?")) {
                messages.setLong(1, olderThanMillis);
                int n = messages.executeUpdate();
                ended.setLong(1, olderThanMillis);
                ended.executeUpdate();
                return n;
            }
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
