package org.symbi.agents.health;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.agents.AgentEnv;
import org.symbi.agents.AgentMain;
import org.symbi.agents.SupervisedRoom;
import org.symbi.kernel.events.KernelEvent;
import org.symbi.kernel.supervisor.LocalAgentState;
import org.symbi.kernel.supervisor.LocalAgentView;
import org.symbi.kernel.task.TaskView;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.MessageType;
import org.symbi.protocol.TaskSpec;
import org.symbi.protocol.TaskStatus;
import org.symbi.protocol.TraceKind;
import org.symbi.sdk.AgentClient;
import org.symbi.sdk.AgentHandler;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The health monitor against a real room, with real local agent processes. */
@Timeout(120)
class HealthMonitorTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final List<AutoCloseable> closing = new ArrayList<>();
    private SupervisedRoom room;

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
    }

    private SupervisedRoom open(Path tmp) throws Exception {
        room = new SupervisedRoom(tmp);
        closing.add(room);
        return room;
    }

    /** A monitor that looks five times a second and calls an agent silent after a second. */
    private AgentMain.Running monitor(String id, Map<String, String> settings) throws Exception {
        Map<String, String> env = room.env(id, HealthMonitor.CAPABILITY);
        env.put("SYMBI_HEALTH_PERIOD", "200ms");
        env.put("SYMBI_HEALTH_SILENT_AFTER", "1s");
        env.putAll(settings);
        AgentMain.Running running = AgentMain.start(new HealthMonitor.Kind(), new AgentEnv(env));
        closing.add(running);
        return running;
    }

    private List<KernelEvent.ErrorReported> alerts(String code) {
        return room.errors().stream().filter(e -> e.code().equals(code)).toList();
    }

    @Test
    void aLocalAgentThatNeverComesOnlineIsRestartedOnceWithinTheCooldownAndEachSilenceIsReported(@TempDir Path tmp)
            throws Exception {
        Files.createDirectories(tmp.resolve("agents"));
        Files.writeString(tmp.resolve("agents/mute.json"), """
                {"id": "mute", "command": ["sh", "-c", "sleep 120"], "capabilities": ["nothing"]}
                """);
        open(tmp);
        String first = room.localAgents().start("mute").agentId();
        monitor("health-1", Map.of("SYMBI_HEALTH_RESTART_COOLDOWN", "1h"));

        SupervisedRoom.await(WAIT, () -> alerts(HealthRules.AGENT_SILENT).size() >= 2,
                () -> "alerts about both mute agents: " + room.errors());
        List<LocalAgentView> mute = room.localAgents().list().stream().filter(a -> a.templateId().equals("mute")).toList();
        assertThat(mute).hasSize(2);
        assertThat(room.localAgents().find(first).orElseThrow().state()).isEqualTo(LocalAgentState.STOPPED);
        LocalAgentView second = mute.stream().filter(a -> !a.agentId().equals(first)).findFirst().orElseThrow();
        assertThat(second.state()).isEqualTo(LocalAgentState.RUNNING);

        List<KernelEvent.ErrorReported> silent = alerts(HealthRules.AGENT_SILENT);
        assertThat(silent.getFirst().agentId()).isEqualTo("health-1");
        assertThat(silent.getFirst().message()).startsWith("Local agent " + first + " (template mute)")
                .contains("never registered").endsWith("restarted as " + second.agentId());
        assertThat(silent.get(1).message()).startsWith("Local agent " + second.agentId())
                .contains("not restarted: template mute had an agent restarted at");

        Thread.sleep(1000); // more rounds: the same silence is not reported again within the alert cooldown
        assertThat(alerts(HealthRules.AGENT_SILENT)).hasSize(2);
        assertThat(room.localAgents().list()).hasSize(2);
        assertThat(room.kernel().traces().forAgent("health-1", 50)).extracting(t -> t.step().content())
                .contains("restarted silent local agent " + first + " as " + second.agentId())
                .anySatisfy(c -> assertThat(c).startsWith("alert agent_silent: Local agent " + first));
    }

    @Test
    void aSilentAgentAFullInboxAndFailingTasksRaiseAlertsAndAHealthTaskReportsThem(@TempDir Path tmp) throws Exception {
        open(tmp);
        // an agent that fails every task's first attempt and gets the retry right
        Set<String> triedOnce = ConcurrentHashMap.newKeySet();
        AgentClient flaky = AgentClient.connect(URI.create(room.address()), room.env("flaky-1", "flaky").get("SYMBI_TOKEN"),
                AgentCard.of("flaky-1", "worker", List.of("flaky")), new AgentHandler() {
                    @Override
                    public void onTask(AgentClient client, TaskSpec task, Envelope request) {
                        if (triedOnce.add(task.taskId())) {
                            client.failTask(task, "first attempts fail");
                        } else {
                            client.completeTask(task, Map.of("ok", true));
                        }
                    }
                });
        closing.add(flaky);
        room.createTask("f1", "flaky one", List.of("flaky"), null);
        room.createTask("f2", "flaky two", List.of("flaky"), null);
        room.awaitEnd("f1", WAIT);
        room.awaitEnd("f2", WAIT);
        // registered in the room, then never heard from again
        room.kernel().registry().register(AgentCard.of("quiet", "worker", List.of("nothing")));
        room.kernel().registry().register(AgentCard.of("sender", "worker", List.of()));
        for (int i = 0; i < 3; i++) {
            room.kernel().receive(Envelope.builder().fromAgent("sender").toAgent("quiet")
                    .messageType(MessageType.COLLABORATION_INVITE).payload(JsonNodeFactory.instance.objectNode()).build())
                    .join();
        }

        // live agents heartbeat every 3.3 s (a third of the room's 10 s timeout); the room marks silent ones
        // offline after 10 s: in between, only the monitor sees that they are silent
        monitor("health-2", Map.of("SYMBI_HEALTH_SILENT_AFTER", "5s", "SYMBI_HEALTH_BACKLOG", "3",
                "SYMBI_HEALTH_ERROR_MIN_ATTEMPTS", "4", "SYMBI_HEALTH_ERROR_RATE", "0.5"));
        SupervisedRoom.await(WAIT, () -> alerts(HealthRules.AGENT_SILENT).size() == 2
                        && alerts(HealthRules.QUEUE_BACKLOG).size() == 1 && alerts(HealthRules.ERROR_RATE).size() == 1,
                () -> "the four alerts: " + room.errors());
        assertThat(alerts(HealthRules.AGENT_SILENT)).extracting(KernelEvent.ErrorReported::message)
                .allSatisfy(m -> assertThat(m).doesNotContain("restart"))
                .anySatisfy(m -> assertThat(m).startsWith("Agent quiet has sent no heartbeat for"))
                .anySatisfy(m -> assertThat(m).startsWith("Agent sender has sent no heartbeat for"));
        assertThat(alerts(HealthRules.QUEUE_BACKLOG).getFirst().message())
                .isEqualTo("3 messages wait in the inbox of quiet (limit 3)");
        assertThat(alerts(HealthRules.ERROR_RATE).getFirst().message())
                .startsWith("Tasks needing flaky: 2 of 4 attempts failed in the last 10 min (50%, limit 50%)");
        assertThat(room.kernel().traces().forAgent("health-2", 50)).filteredOn(t -> t.step().kind() == TraceKind.DECISION)
                .extracting(t -> t.step().detail().path("code").asText())
                .contains(HealthRules.AGENT_SILENT, HealthRules.QUEUE_BACKLOG, HealthRules.ERROR_RATE);

        room.createTask("check", "how is the room?", List.of(HealthMonitor.CAPABILITY), null);
        TaskView check = room.awaitEnd("check", WAIT);
        assertThat(check.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(check.result().path("findings").findValuesAsText("code"))
                .contains(HealthRules.AGENT_SILENT, HealthRules.QUEUE_BACKLOG, HealthRules.ERROR_RATE);
        assertThat(check.result().path("findings").findValuesAsText("alerted")).containsOnly("false");
        assertThat(alerts(HealthRules.AGENT_SILENT)).as("still within the alert cooldown").hasSize(2);
    }

    @Test
    void aMonitorThatCannotReadTheRoomSaysSo(@TempDir Path tmp) throws Exception {
        open(tmp);
        Map<String, String> env = room.env("health-3", HealthMonitor.CAPABILITY);
        env.put("SYMBI_ADMIN_TOKEN", "not-the-admin-token");
        env.put("SYMBI_HEALTH_PERIOD", "200ms");
        closing.add(AgentMain.start(new HealthMonitor.Kind(), new AgentEnv(env)));
        SupervisedRoom.await(WAIT, () -> !alerts(HealthMonitor.CHECK_FAILED).isEmpty(), () -> "a check_failed alert");
        assertThat(alerts(HealthMonitor.CHECK_FAILED).getFirst().message())
                .startsWith("The health monitor cannot read the room: GET /admin/agents answered 401");
    }
}
