package org.symbi.kernel.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.symbi.kernel.ManualClock;
import org.symbi.kernel.events.EventStream;
import org.symbi.kernel.events.KernelEvent;
import org.symbi.kernel.registry.AgentRegistry;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.AgentMetrics;
import org.symbi.protocol.DeliveryClass;
import org.symbi.protocol.HealthStatus;
import org.symbi.protocol.MessageType;
import org.symbi.protocol.Priority;
import org.symbi.protocol.SystemMetrics;
import org.symbi.protocol.TaskStatus;
import org.symbi.store.Database;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The collector fed a scripted sequence of kernel events; expected values worked out by hand. */
class MetricsCollectorTest {
    private static final double EPS = 1e-9;

    private final ManualClock clock = new ManualClock();
    private final Instant t0 = clock.instant();
    private final EventStream events = new EventStream();
    private Database db;
    private AgentRegistry registry;
    private MetricsCollector metrics;
    private int messageSeq;

    @BeforeEach
    void setUp() {
        db = Database.inMemory("metrics-collector-" + UUID.randomUUID());
        registry = new AgentRegistry(db, new ObjectMapper(), clock, events, Duration.ofMinutes(10), 100);
        metrics = new MetricsCollector(db, clock, events, registry, new ModelUsageBook(db));
        for (String id : List.of("alice", "bob", "carol")) {
            registry.register(AgentCard.of(id, "coder", List.of("java")));
        }
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void scriptedSequenceGivesTheExpectedMetrics() {
        // wf-1: alice does t1 in 2 s, bob does t2 in 4 s, carol still holds t6
        task("t1", "wf-1", "alice", TaskStatus.ASSIGNED, 0);
        task("t1", "wf-1", "alice", TaskStatus.RUNNING, 500);
        task("t1", "wf-1", "alice", TaskStatus.COMPLETED, 2_000);
        task("t2", "wf-1", "bob", TaskStatus.ASSIGNED, 2_000);
        task("t2", "wf-1", "bob", TaskStatus.COMPLETED, 6_000);
        // t3, in no workflow: alice in 9 s
        task("t3", null, "alice", TaskStatus.ASSIGNED, 10_000);
        task("t3", null, "alice", TaskStatus.COMPLETED, 19_000);
        // wf-2: t4 goes back to ready from alice (a failed attempt), then times out with bob
        task("t4", "wf-2", "alice", TaskStatus.ASSIGNED, 20_000);
        task("t4", "wf-2", null, TaskStatus.READY, 25_000);
        task("t4", "wf-2", "bob", TaskStatus.ASSIGNED, 26_000);
        task("t4", "wf-2", "bob", TaskStatus.TIMED_OUT, 40_000);
        // wf-3: carol alone; and carol joins wf-1
        task("t5", "wf-3", "carol", TaskStatus.RUNNING, 41_000);
        task("t6", "wf-1", "carol", TaskStatus.ASSIGNED, 42_000);
        registry.setActiveTasks("carol", 1);

        // bob's penalties: a stale result, two guard trips, one dead letter; a breaker trip is not a penalty
        events.publish(new KernelEvent.StaleResultRefused(at(43_000), "t2", "bob", 1, 2));
        events.publish(new KernelEvent.GuardTripped(at(44_000), "bob", "rate_limited", "too fast"));
        events.publish(new KernelEvent.GuardTripped(at(44_100), "bob", "causal_loop", "looping"));
        events.publish(new KernelEvent.MessageDeadLettered(at(45_000), "bob", "m-dead", 5, "never acked"));

        // carol invites alice and bob; alice answers, bob does not
        message("carol", List.of("alice", "bob"), MessageType.COLLABORATION_INVITE, 46_000);
        message("alice", List.of("carol"), MessageType.COLLABORATION_INVITE, 47_000);
        for (int i = 0; i < 598; i++) {
            message("alice", List.of("bob"), MessageType.TASK_REQUEST, 48_000);
        }

        events.publish(new KernelEvent.ConflictOpened(at(50_000), "c1", "file", "src/A.java", List.of("alice", "bob"), "priority"));
        events.publish(new KernelEvent.ConflictOpened(at(50_000), "c2", "file", "src/B.java", List.of("alice", "carol"), "vote"));
        events.publish(new KernelEvent.ConflictResolved(at(51_000), "c1", "alice", "granted", "priority"));

        clock.advance(Duration.ofSeconds(60));
        metrics.tick();

        // alice: 2 completed, 1 failed attempt; (2 s + 9 s) / 2; W = 1/2, R = 1/1; trust (2+1)/(3+2)
        AgentMetrics alice = metrics.agentMetrics("alice").orElseThrow();
        assertThat(alice.tasksCompleted()).isEqualTo(2);
        assertThat(alice.tasksFailed()).isEqualTo(1);
        assertThat(alice.successRate()).isCloseTo(2.0 / 3.0, within(EPS));
        assertThat(alice.averageResponseTimeMs()).isCloseTo(5_500.0, within(EPS));
        assertThat(alice.collaborationScore()).isCloseTo(0.7 * 0.5 + 0.3 * 1.0, within(EPS));
        assertThat(alice.trustScore()).isCloseTo(0.6, within(EPS));

        // bob: 1 completed, 1 timed out; 4 s; W = 1/1, R = 0/1; trust 2/4 · (1 − 0.10 − 2·0.05 − 0.02)
        AgentMetrics bob = metrics.agentMetrics("bob").orElseThrow();
        assertThat(bob.tasksCompleted()).isEqualTo(1);
        assertThat(bob.tasksFailed()).isEqualTo(1);
        assertThat(bob.successRate()).isCloseTo(0.5, within(EPS));
        assertThat(bob.averageResponseTimeMs()).isCloseTo(4_000.0, within(EPS));
        assertThat(bob.collaborationScore()).isCloseTo(0.7, within(EPS));
        assertThat(bob.trustScore()).isCloseTo(0.39, within(EPS));

        // carol: nothing finished and she only sent invites: score 0, trust 0.5; her one task fills her capacity
        AgentMetrics carol = metrics.agentMetrics("carol").orElseThrow();
        assertThat(carol.tasksCompleted()).isZero();
        assertThat(carol.load()).isEqualTo(1.0);
        assertThat(carol.collaborationScore()).isZero();
        assertThat(carol.trustScore()).isCloseTo(0.5, within(EPS));

        assertThat(metrics.allAgentMetrics()).extracting(AgentMetrics::agentId).containsExactly("alice", "bob", "carol");
        assertThat(metrics.agentMetrics("nobody")).isEmpty();

        // 600 messages in 60 s; wf-1 has three agents and a held task; one dead letter → degraded
        SystemMetrics system = metrics.systemMetrics();
        assertThat(system.totalAgents()).isEqualTo(3);
        assertThat(system.onlineAgents()).isEqualTo(3);
        assertThat(system.activeCollaborations()).isEqualTo(1);
        assertThat(system.messageThroughput()).isCloseTo(10.0, within(EPS));
        assertThat(system.systemHealth()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(system.conflictResolutionRate()).isCloseTo(0.5, within(EPS));

        // an hour later the penalties and the dead letter have left their windows
        clock.advance(Duration.ofMinutes(61));
        metrics.tick();
        assertThat(metrics.agentMetrics("bob").orElseThrow().trustScore()).isCloseTo(0.5, within(EPS));
        assertThat(metrics.systemMetrics().systemHealth()).isEqualTo(HealthStatus.HEALTHY);
        // with no message for the whole window, throughput is back to zero
        assertThat(metrics.systemMetrics().messageThroughput()).isZero();
        // wf-1 is still held by carol, so alice's collaborative completion still counts
        assertThat(metrics.agentMetrics("alice").orElseThrow().collaborationScore()).isCloseTo(0.65, within(EPS));
    }

    @Test
    void idleWorkflowsAreForgottenButKeepTheirCollaborationCredit() {
        task("t1", "wf-x", "alice", TaskStatus.ASSIGNED, 0);
        task("t1", "wf-x", "alice", TaskStatus.COMPLETED, 1_000);
        task("t2", "wf-x", "bob", TaskStatus.ASSIGNED, 1_000);
        task("t2", "wf-x", "bob", TaskStatus.COMPLETED, 3_000);
        clock.advance(Duration.ofMinutes(61));
        metrics.tick();

        assertThat(metrics.agentMetrics("alice").orElseThrow().collaborationScore()).isEqualTo(1.0);
        assertThat(metrics.agentMetrics("bob").orElseThrow().collaborationScore()).isEqualTo(1.0);
        assertThat(metrics.systemMetrics().activeCollaborations()).isZero();
    }

    @Test
    void offlineAgentsAndTrippedBreakersMakeTheSystemCritical() {
        registry.markOffline("alice", "test");
        registry.markOffline("bob", "test");
        assertThat(metrics.systemMetrics().onlineAgents()).isEqualTo(1);
        assertThat(metrics.systemMetrics().systemHealth()).isEqualTo(HealthStatus.CRITICAL);
        registry.register(AgentCard.of("alice", "coder", List.of("java")));
        registry.register(AgentCard.of("bob", "coder", List.of("java")));
        assertThat(metrics.systemMetrics().systemHealth()).isEqualTo(HealthStatus.HEALTHY);

        events.publish(new KernelEvent.GuardTripped(clock.instant(), "alice", "circuit_open", "failing"));
        assertThat(metrics.systemMetrics().systemHealth()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(metrics.agentMetrics("alice").orElseThrow().trustScore()).isCloseTo(0.5, within(EPS));
        events.publish(new KernelEvent.GuardTripped(clock.instant(), "bob", "circuit_open", "failing"));
        assertThat(metrics.systemMetrics().systemHealth()).isEqualTo(HealthStatus.CRITICAL);
    }

    private Instant at(long millis) {
        return t0.plusMillis(millis);
    }

    private void task(String taskId, String workflowId, String agentId, TaskStatus to, long atMillis) {
        events.publish(new KernelEvent.TaskStateChanged(at(atMillis), taskId, workflowId, "title", null, to, agentId, 1, null));
    }

    private void message(String from, List<String> to, MessageType type, long atMillis) {
        events.publish(new KernelEvent.MessageAccepted(at(atMillis), "m-" + ++messageSeq, from, to, type,
                Priority.NORMAL, DeliveryClass.DURABLE, null));
    }
}
