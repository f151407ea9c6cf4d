package org.symbi.kernel.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.symbi.kernel.ManualClock;
import org.symbi.kernel.events.EventStream;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.AgentStatus;
import org.symbi.protocol.StatusReport;
import org.symbi.store.Database;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** With a budget of 10 heartbeats a second and a 3 s timeout: one beat a second each, until 10 agents are online. */
class HeartbeatPacingTest {
    private final ManualClock clock = new ManualClock();
    private final Database db = Database.inMemory("heartbeat-pacing-" + UUID.randomUUID());
    private final AgentRegistry registry = new AgentRegistry(db, new ObjectMapper(), clock, new EventStream(),
            Duration.ofSeconds(3), 10);

    @AfterEach
    void tearDown() {
        db.close();
    }

    private void register(int agents) {
        for (int i = 0; i < agents; i++) {
            registry.register(AgentCard.of("agent-" + i, "coder", List.of("java")));
        }
    }

    @Test
    void aSmallFleetBeatsThreeTimesPerTimeout() {
        register(5);
        registry.sweep();
        assertThat(registry.heartbeatInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aLargeFleetIsAskedToBeatLessOftenSoTheRoomHearsItsBudget() {
        register(40);
        assertThat(registry.heartbeatInterval()).as("not yet counted").isEqualTo(Duration.ofSeconds(1));
        registry.sweep();
        assertThat(registry.heartbeatInterval()).isEqualTo(Duration.ofSeconds(4));
        registry.heartbeat("agent-0", null);
        assertThat(registry.heartbeatInterval("agent-0")).isEqualTo(Duration.ofSeconds(4));
        assertThat(registry.heartbeatInterval("agent-1")).as("told at registration").isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void anAgentMayStaySilentForThreeOfTheIntervalsItWasAskedToKeep() {
        register(40);
        registry.sweep();
        for (int i = 0; i < 40; i++) {
            registry.heartbeat("agent-" + i, null);
        }
        clock.advance(Duration.ofSeconds(11));
        assertThat(registry.sweep()).isEmpty();
        clock.advance(Duration.ofMillis(1_001));
        assertThat(registry.sweep()).hasSize(40);
        assertThat(registry.find("agent-0").orElseThrow().status()).isEqualTo(AgentStatus.OFFLINE);
    }

    @Test
    void anAgentWhoseConnectionClosedHasOnlyTheTimeoutLeft() {
        register(40);
        registry.sweep();
        registry.heartbeat("agent-0", null);
        registry.heartbeat("agent-1", null);
        clock.advance(Duration.ofSeconds(5));
        registry.connectionClosed("agent-0");
        assertThat(registry.sweep()).contains("agent-0").doesNotContain("agent-1");
    }

    @Test
    void theTimeoutStaysTheLeastSilenceAllowed() {
        register(2);
        clock.advance(Duration.ofMillis(2_999));
        assertThat(registry.sweep()).isEmpty();
        clock.advance(Duration.ofMillis(2));
        assertThat(registry.sweep()).containsExactlyInAnyOrder("agent-0", "agent-1");
    }

    @Test
    void theIntervalShrinksAgainWhenAgentsLeave() {
        register(40);
        registry.sweep();
        for (int i = 0; i < 35; i++) {
            registry.markOffline("agent-" + i, "left");
        }
        registry.sweep();
        assertThat(registry.heartbeatInterval()).isEqualTo(Duration.ofSeconds(1));
        registry.heartbeat("agent-39", new StatusReport(AgentStatus.AVAILABLE, 0.0, 0, null, null));
        assertThat(registry.heartbeatInterval("agent-39")).isEqualTo(Duration.ofSeconds(1));
    }
}
