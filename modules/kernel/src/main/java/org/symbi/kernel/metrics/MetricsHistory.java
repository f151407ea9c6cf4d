package org.symbi.kernel.metrics;

import org.symbi.store.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The per-minute roll-up of metrics in the database (table metric_sample). */
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

    int purgeBefore(long cutoffMillis) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM metric_sample WHERE bucket_start < ?")) {
                ps.setLong(1, cutoffMillis);
                return ps.executeUpdate();
            }
        });
    }

    List<MetricPoint> query(String subject, String metric, Instant from, Instant to) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT bucket_start, metric_value FROM metric_sample"
                    + " WHERE subject = ? AND metric = ? AND bucket_start >= ? AND bucket_start < ? ORDER BY bucket_start")) {
                ps.setString(1, subject);
                ps.setString(2, metric);
                ps.setLong(3, from.toEpochMilli());
                ps.setLong(4, to.toEpochMilli());
                List<MetricPoint> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new MetricPoint(Instant.ofEpochMilli(rs.getLong(1)), rs.getDouble(2)));
                    }
                }
                return out;
            }
        });
    }
}
