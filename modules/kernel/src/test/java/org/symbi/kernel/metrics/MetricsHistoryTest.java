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

/** The per-minute roll-up: one row per metric per minute bucket, kept across restarts, purged when old. */
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
