package org.symbi.agents.health;

import org.junit.jupiter.api.Test;
import org.symbi.agents.AgentEnv;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HealthRulesTest {
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final HealthSettings LIMITS = HealthSettings.from(new AgentEnv(Map.of(
            "SYMBI_HEALTH_SILENT_AFTER", "30s", "SYMBI_HEALTH_BACKLOG", "10",
            "SYMBI_HEALTH_ERROR_RATE", "0.5", "SYMBI_HEALTH_ERROR_MIN_ATTEMPTS", "4")));

    private static RoomSnapshot snapshot(List<RoomSnapshot.Agent> agents, Map<String, Integer> waiting,
                                         List<RoomSnapshot.Task> tasks, List<RoomSnapshot.LocalAgent> local) {
        return new RoomSnapshot(NOW, agents, waiting, tasks, local);
    }

    private static RoomSnapshot.Agent agent(String id, String status, int secondsAgo) {
        return new RoomSnapshot.Agent(id, status, NOW.minusSeconds(secondsAgo));
    }

    private static RoomSnapshot.LocalAgent local(String id, String state, int startedSecondsAgo) {
        return new RoomSnapshot.LocalAgent(id, "coder", state, NOW.minusSeconds(startedSecondsAgo));
    }

    @Test
    void anAgentListedAsOnlineWithoutARecentHeartbeatIsSilentAndALocalOneCanBeRestarted() {
        RoomSnapshot s = snapshot(List.of(agent("coder-1", "available", 31), agent("remote", "busy", 45),
                        agent("fresh", "available", 29), agent("monitor", "available", 300), agent("gone", "offline", 900)),
                Map.of(), List.of(), List.of(local("coder-1", "RUNNING", 600)));
        List<Finding> found = HealthRules.findings(s, LIMITS, "monitor");
        assertThat(found).extracting(Finding::code).containsOnly(HealthRules.AGENT_SILENT);
        assertThat(found).extracting(Finding::subject).containsExactly("coder-1", "remote");
        assertThat(found.getFirst().restart()).isEqualTo(local("coder-1", "RUNNING", 600));
        assertThat(found.getFirst().message()).contains("no heartbeat for 31 s (limit 30 s)")
                .contains("listed as available");
        assertThat(found.get(1).restart()).as("not a local agent: nothing to restart").isNull();
        assertThat(found.get(1).detail().path("silent_ms").asLong()).isEqualTo(45_000);
    }

    @Test
    void aLocalAgentWhoseProcessRunsWithoutItBeingOnlineIsSilentOnceItHadTimeToStart() {
        RoomSnapshot s = snapshot(List.of(agent("was-here", "offline", 200)), Map.of(), List.of(),
                List.of(local("never", "RUNNING", 40), local("starting", "RUNNING", 5), local("was-here", "RUNNING", 100),
                        local("waiting", "RESTARTING", 100)));
        List<Finding> found = HealthRules.findings(s, LIMITS, "monitor");
        assertThat(found).extracting(Finding::subject).containsExactlyInAnyOrder("never", "was-here");
        assertThat(found).allSatisfy(f -> assertThat(f.restart()).isNotNull());
        assertThat(found).filteredOn(f -> f.subject().equals("never")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("running for 40 s without being online")
                        .contains("never registered"));
        assertThat(found).filteredOn(f -> f.subject().equals("was-here")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("(offline;"));
    }

    @Test
    void aFullInboxIsABacklog() {
        List<Finding> found = HealthRules.findings(snapshot(List.of(), Map.of("busy", 10, "fine", 9), List.of(),
                List.of()), LIMITS, "monitor");
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(HealthRules.QUEUE_BACKLOG);
            assertThat(f.subject()).isEqualTo("busy");
            assertThat(f.message()).isEqualTo("10 messages wait in the inbox of busy (limit 10)");
        });
    }

    @Test
    void failedAttemptsCountPerKindOfTaskOnceThereAreEnough() {
        List<RoomSnapshot.Task> tasks = List.of(
                new RoomSnapshot.Task("t1", "completed", 1, "coder-1", List.of("code")),
                new RoomSnapshot.Task("t2", "failed", 3, "coder-2", List.of("code")),
                new RoomSnapshot.Task("t3", "completed", 0, "coder-1", List.of("code")),
                new RoomSnapshot.Task("d1", "completed", 1, "docs-1", List.of("docs")),
                new RoomSnapshot.Task("d2", "ready", 1, null, List.of("docs")));
        List<Finding> found = HealthRules.findings(snapshot(List.of(), Map.of(), tasks, List.of()), LIMITS, "monitor");
        // code: 4 failed of 6 attempts; docs: 2 of 3, too few attempts to judge
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(HealthRules.ERROR_RATE);
            assertThat(f.subject()).isEqualTo("code");
            assertThat(f.message()).isEqualTo("Tasks needing code: 4 of 6 attempts failed in the last 10 min (67%,"
                    + " limit 50%); failed for good on coder-2");
            assertThat(f.detail().path("rate").asDouble()).isCloseTo(4 / 6.0, org.assertj.core.data.Offset.offset(1e-9));
        });
    }

    @Test
    void badSettingsAreRefusedNamingTheVariable() {
        assertThatThrownBy(() -> HealthSettings.from(new AgentEnv(Map.of("SYMBI_HEALTH_PERIOD", "soon"))))
                .hasMessage("SYMBI_HEALTH_PERIOD must be a duration such as 500ms, 30s, 5m, 2h or PT30S, got 'soon'");
        assertThatThrownBy(() -> HealthSettings.from(new AgentEnv(Map.of("SYMBI_HEALTH_ERROR_RATE", "2"))))
                .hasMessage("SYMBI_HEALTH_ERROR_RATE must be a number from 0 to 1, got '2'");
        assertThat(HealthSettings.from(new AgentEnv(Map.of("SYMBI_HEALTH_PERIOD", "PT2M"))).period())
                .isEqualTo(Duration.ofMinutes(2));
    }
}
