package org.symbi.kernel.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.kernel.ManualClock;
import org.symbi.kernel.events.EventStream;
import org.symbi.kernel.events.KernelEvent;
import org.symbi.kernel.registry.AgentRegistry;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.TaskStatus;
import org.symbi.store.DataDir;
import org.symbi.store.Database;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The per-minute roll-up: a point per metric per minute the room ran, kept across restarts, purged when old; an
 * agent's unchanged values are read forward instead of stored again.
 */
class MetricsHistoryTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:10Z"));
    private final Instant minute0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void rollsUpOncePerMinuteBucket() {
        try (Database db = Database.inMemory("metrics-history-" + UUID.randomUUID())) {
            EventStream events = new EventStream();
            MetricsCollector metrics = collector(db, events, MetricsCollector.DEFAULT_RETENTION);
            metrics.tick();                                   // 00:00:10 → bucket 00:00
            completeTask(events, "t1");
            clock.advance(Duration.ofSeconds(30));
            metrics.tick();                                   // 00:00:40 → same bucket, not written again
            clock.advance(Duration.ofSeconds(30));
            metrics.tick();                                   // 00:01:10 → bucket 00:01

            assertThat(metrics.history("alice", "tasks_completed", minute0, minute0.plusSeconds(600)))
                    .containsExactly(new MetricPoint(minute0, 0), new MetricPoint(minute0.plusSeconds(60), 1));
            assertThat(metrics.history(MetricsCollector.SYSTEM, "total_agents", minute0, minute0.plusSeconds(600)))
                    .extracting(MetricPoint::value).containsExactly(1.0, 1.0);
            // the range's end is exclusive
            assertThat(metrics.history("alice", "tasks_completed", minute0, minute0.plusSeconds(60))).hasSize(1);
        }
    }

    @Test
    void historySurvivesReopen(@TempDir Path dir) {
        try (Database db = Database.open(new DataDir(dir))) {
            EventStream events = new EventStream();
            MetricsCollector metrics = collector(db, events, MetricsCollector.DEFAULT_RETENTION);
            completeTask(events, "t1");
            metrics.tick();
        }
        try (Database db = Database.open(new DataDir(dir))) {
            MetricsCollector metrics = collector(db, new EventStream(), MetricsCollector.DEFAULT_RETENTION);
            assertThat(metrics.history("alice", "tasks_completed", minute0, minute0.plusSeconds(60)))
                    .containsExactly(new MetricPoint(minute0, 1));
            assertThat(metrics.history("alice", "trust_score", minute0, minute0.plusSeconds(60)))
                    .containsExactly(new MetricPoint(minute0, 2.0 / 3.0));
        }
    }

    @Test
    void purgesBucketsOlderThanTheRetention() {
        try (Database db = Database.inMemory("metrics-purge-" + UUID.randomUUID())) {
            MetricsCollector metrics = collector(db, new EventStream(), Duration.ofMinutes(10));
            metrics.tick();                                   // bucket 00:00
            clock.advance(Duration.ofMinutes(5));
            metrics.tick();                                   // bucket 00:05
            clock.advance(Duration.ofMinutes(6));
            metrics.tick();                                   // 00:11:10: keeps buckets from 00:01:10 on

            assertThat(metrics.history(MetricsCollector.SYSTEM, "online_agents", minute0, minute0.plusSeconds(3600)))
                    .extracting(MetricPoint::bucketStart)
                    .containsExactly(minute0.plusSeconds(300), minute0.plusSeconds(660));
        }
    }

    @Test
    void anAgentsUnchangedValuesAreReadForwardNotStoredAgain() {
        try (Database db = Database.inMemory("metrics-forward-" + UUID.randomUUID())) {
            EventStream events = new EventStream();
            MetricsCollector metrics = collector(db, events, MetricsCollector.DEFAULT_RETENTION);
            metrics.tick();                                   // bucket 00:00: every value
            int firstMinute = rows(db, "alice");
            for (int m = 1; m <= 3; m++) {
                clock.advance(Duration.ofMinutes(1));
                metrics.tick();                               // buckets 00:01 to 00:03: nothing changed
            }
            assertThat(rows(db, "alice")).isEqualTo(firstMinute);
            completeTask(events, "t1");
            clock.advance(Duration.ofMinutes(1));
            metrics.tick();                                   // bucket 00:04: the changed values only

            assertThat(metrics.history("alice", "tasks_completed", minute0, minute0.plusSeconds(600)))
                    .extracting(MetricPoint::value).containsExactly(0.0, 0.0, 0.0, 0.0, 1.0);
            assertThat(metrics.history("alice", "load", minute0.plusSeconds(120), minute0.plusSeconds(600)))
                    .extracting(MetricPoint::bucketStart).containsExactly(minute0.plusSeconds(120),
                            minute0.plusSeconds(180), minute0.plusSeconds(240));
            assertThat(rows(db, "alice")).isGreaterThan(firstMinute).isLessThan(2 * firstMinute);
        }
    }

    @Test
    void thePurgeKeepsAnAgentsLastValueBeforeTheCutoff() {
        try (Database db = Database.inMemory("metrics-purge-forward-" + UUID.randomUUID())) {
            EventStream events = new EventStream();
            MetricsCollector metrics = collector(db, events, Duration.ofMinutes(10));
            completeTask(events, "t1");
            metrics.tick();                                   // bucket 00:00: alice has 1 completed
            for (int m = 1; m <= 12; m++) {
                clock.advance(Duration.ofMinutes(1));
                metrics.tick();                               // to 00:12:10: keeps minutes from 00:02:10 on
            }

            assertThat(metrics.history("alice", "tasks_completed", minute0, minute0.plusSeconds(3600)))
                    .extracting(MetricPoint::bucketStart, MetricPoint::value)
                    .first().isEqualTo(tuple(minute0.plusSeconds(180), 1.0));
            assertThat(metrics.history("alice", "tasks_completed", minute0, minute0.plusSeconds(3600))).hasSize(10);
        }
    }

    private static int rows(Database db, String subject) {
        return db.read(c -> {
            try (var ps = c.prepareStatement("SELECT COUNT(*) FROM metric_sample WHERE subject = ?")) {
                ps.setString(1, subject);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    private MetricsCollector collector(Database db, EventStream events, Duration retention) {
        AgentRegistry registry = new AgentRegistry(db, new ObjectMapper(), clock, events, Duration.ofMinutes(10), 100);
        MetricsCollector metrics = new MetricsCollector(db, clock, events, registry, new ModelUsageBook(db), retention);
        registry.register(AgentCard.of("alice", "coder", List.of("java")));
        return metrics;
    }

    private void completeTask(EventStream events, String taskId) {
        events.publish(new KernelEvent.TaskStateChanged(clock.instant(), taskId, null, "title", null,
                TaskStatus.ASSIGNED, "alice", 1, null));
        events.publish(new KernelEvent.TaskStateChanged(clock.instant(), taskId, null, "title", TaskStatus.ASSIGNED,
                TaskStatus.COMPLETED, "alice", 1, null));
    }
}
