package org.symbi.kernel.metrics;

import org.symbi.store.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The per-minute roll-up of metrics in the database (table metric_sample). The system's metrics are stored every
 * minute the room runs, and those minutes are the history's minutes; an agent's metric is stored only in the
 * minutes it changed, and read forward from there (an idle fleet of a thousand agents would otherwise write
 * thousands of unchanged rows a minute).
 */
final class MetricsHistory {
    private final Database db;

    MetricsHistory(Database db) {
        this.db = db;
    }

    /**
     * Writes one minute's values, by subject then metric name. MERGE, so a restart within the same
     * minute overwrites that minute instead of failing on the key.
     */
    void write(long bucketStartMillis, Map<String, Map<String, Double>> valuesBySubject) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "MERGE INTO metric_sample (bucket_start, subject, metric, metric_value) KEY (subject, metric, bucket_start) VALUES (?, ?, ?, ?)")) {
                for (var subject : valuesBySubject.entrySet()) {
                    for (var metric : subject.getValue().entrySet()) {
                        ps.setLong(1, bucketStartMillis);
                        ps.setString(2, subject.getKey());
                        ps.setString(3, metric.getKey());
                        ps.setDouble(4, metric.getValue());
                        ps.addBatch();
                    }
                }
                return ps.executeBatch();
            }
        });
    }

    /**
     * Removes the minutes older than the cutoff. An agent's last value before the cutoff stays, as the value of
     * the minutes after it until the next change.
     */
    int purgeBefore(long cutoffMillis) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM metric_sample m WHERE m.bucket_start < ?"
                    + " AND (m.subject = ? OR EXISTS (SELECT 1 FROM metric_sample n WHERE n.subject = m.subject"
                    + " AND n.metric = m.metric AND n.bucket_start > m.bucket_start AND n.bucket_start < ?))")) {
                ps.setLong(1, cutoffMillis);
                ps.setString(2, MetricsCollector.SYSTEM);
                ps.setLong(3, cutoffMillis);
                return ps.executeUpdate();
            }
        });
    }

    /** One point per minute of the history in [from, to) at which the metric had a value: its latest by then. */
    List<MetricPoint> query(String subject, String metric, Instant from, Instant to) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT k.bucket_start, (SELECT v.metric_value"
                    + " FROM metric_sample v WHERE v.subject = ? AND v.metric = ? AND v.bucket_start <= k.bucket_start"
                    + " ORDER BY v.bucket_start DESC LIMIT 1) FROM metric_sample k"
                    + " WHERE k.subject = ? AND k.metric = ? AND k.bucket_start >= ? AND k.bucket_start < ?"
                    + " ORDER BY k.bucket_start")) {
                ps.setString(1, subject);
                ps.setString(2, metric);
                ps.setString(3, MetricsCollector.SYSTEM);
                ps.setString(4, MetricsCollector.MINUTE_MARKER);
                ps.setLong(5, from.toEpochMilli());
                ps.setLong(6, to.toEpochMilli());
                List<MetricPoint> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        double value = rs.getDouble(2);
                        if (!rs.wasNull()) {
                            out.add(new MetricPoint(Instant.ofEpochMilli(rs.getLong(1)), value));
                        }
                    }
                }
                return out;
            }
        });
    }
}
