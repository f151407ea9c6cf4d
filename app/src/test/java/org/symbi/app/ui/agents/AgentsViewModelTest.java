package org.symbi.app.ui.agents;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.app.ui.RoomFixture;
import org.symbi.app.ui.kit.Selection;
import org.symbi.kernel.supervisor.AgentTemplate;
import org.symbi.kernel.supervisor.LocalAgentState;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.AgentStatus;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.MessageType;
import org.symbi.protocol.StatusReport;
import org.symbi.protocol.TaskSpec;
import org.symbi.sdk.AgentClient;
import org.symbi.sdk.AgentHandler;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent list on a real room: agents that register through the gateway, and local agents it runs. */
@Timeout(60)
class AgentsViewModelTest {
    @TempDir
    Path data;
    private RoomFixture room;
    private AgentClient client;

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
        if (room != null) {
            room.close();
        }
    }

    /** A local agent whose process only sleeps: it never registers, but the room runs and stops it. */
    static void sleeperTemplate(Path data) throws IOException {
        Files.createDirectories(data.resolve("agents"));
        Files.writeString(data.resolve("agents/sleeper.json"), """
                {"id": "sleeper", "name": "Sleeper", "type": "worker", "command": ["sh", "-c", "sleep 30"],
                 "capabilities": ["sleep"]}
                """);
    }

    static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    static Optional<AgentRow> row(AgentsViewModel model, String id) {
        return model.agents().stream().filter(r -> r.agentId().equals(id)).findFirst();
    }

    @Test
    void anAgentThatConnectsThroughTheGatewayIsListedAndGoesOfflineWhenItSaysGoodbye() throws Exception {
        room = RoomFixture.open(data);
        AgentsViewModel model = new AgentsViewModel(room.context());
        room.drain();
        assertThat(model.agents()).isEmpty();

        room.room().tokens().grant("coder-1", Set.of("java"), Set.of("symbi-core"));
        String token = room.room().tokens().issue("coder-1", Set.of("java"), Set.of("symbi-core"));
        AgentCard card = new AgentCard("coder-1", "coder", null, List.of("java"), "symbi-core", null, null, "1.2",
                null, 2);
        client = AgentClient.connect(URI.create(room.room().gateway().address()), token, card, new AgentHandler() {
            @Override
            public void onTask(AgentClient c, TaskSpec task, Envelope request) {
            }
        });
        eventually(() -> room.room().kernel().registry().find("coder-1").isPresent());
        room.drain();

        AgentRow coder = row(model, "coder-1").orElseThrow();
        assertThat(coder.status()).isEqualTo(AgentStatus.AVAILABLE);
        assertThat(coder.type()).isEqualTo("coder");
        assertThat(coder.capabilities()).containsExactly("java");
        assertThat(coder.repository()).isEqualTo("symbi-core");
        assertThat(coder.isLocal()).isFalse();

        // The protocol's goodbye: a status update that says offline.
        client.send(Envelope.builder().fromAgent("coder-1").toAgent(Envelope.ORCHESTRATOR)
                .messageType(MessageType.STATUS_UPDATE)
                .payload(room.room().kernel().codec().mapper().valueToTree(
                        new StatusReport(AgentStatus.OFFLINE, null, null, null, null)))
                .build()).get(10, TimeUnit.SECONDS);
        client.close();
        client = null;
        eventually(() -> room.room().kernel().registry().find("coder-1").orElseThrow().status() == AgentStatus.OFFLINE);
        room.drain();
        assertThat(row(model, "coder-1").orElseThrow().status()).isEqualTo(AgentStatus.OFFLINE);
    }

    @Test
    void statusAndLoadEventsChangeTheRowAndSelectingAnAgentSelectsItInTheRoom() throws Exception {
        room = RoomFixture.open(data);
        AgentsViewModel model = new AgentsViewModel(room.context());
        room.room().kernel().registry().register(new AgentCard("reviewer", "reviewer", null, List.of("review"),
                null, null, null, null, null, 4));
        room.drain();

        model.select("reviewer");
        assertThat(room.context().selection().selected()).isEqualTo(Selection.Target.agent("reviewer"));
        assertThat(model.selectedProperty().get().agentId()).isEqualTo("reviewer");

        room.room().kernel().registry().setActiveTasks("reviewer", 1);
        room.room().kernel().registry().markOffline("reviewer", "connection closed");
        room.feed().drain();

        AgentRow reviewer = model.selectedProperty().get();
        assertThat(reviewer.status()).isEqualTo(AgentStatus.OFFLINE);
        assertThat(reviewer.load()).isEqualTo(0.25);

        room.room().kernel().registry().register(AgentCard.of("other", "worker", List.of()));
        room.drain();
        room.context().selection().select(Selection.Target.agent("other"));
        assertThat(model.selectedProperty().get().agentId()).isEqualTo("other");
    }

    @Test
    void startsStopsAndRestartsALocalAgentFromATemplate() throws Exception {
        sleeperTemplate(data);
        room = RoomFixture.open(data);
        AgentsViewModel model = new AgentsViewModel(room.context());
        room.drain();
        assertThat(model.templates()).extracting(AgentTemplate::id).contains("sleeper");
        model.templateProperty().set(model.templates().stream().filter(t -> t.id().equals("sleeper")).findFirst()
                .orElseThrow());

        assertThat(model.startCommand().execute()).isTrue();
        room.drain();
        room.drain();

        AgentRow started = model.selectedProperty().get();
        assertThat(started.agentId()).startsWith("sleeper-");
        assertThat(started.isLocal()).isTrue();
        assertThat(started.isRegistered()).isFalse();
        assertThat(started.local().state()).isEqualTo(LocalAgentState.RUNNING);
        assertThat(started.capabilities()).containsExactly("sleep");
        assertThat(started.logFile()).isEqualTo(data.resolve("logs").resolve(started.agentId() + ".log"));
        assertThat(model.infoProperty().get()).contains("Started " + started.agentId());
        assertThat(model.stopCommand().isExecutable()).isTrue();

        assertThat(model.restartCommand().execute()).isTrue();
        room.drain();
        room.drain();
        AgentRow replacement = model.selectedProperty().get();
        assertThat(replacement.agentId()).startsWith("sleeper-").isNotEqualTo(started.agentId());
        assertThat(row(model, started.agentId()).orElseThrow().local().state()).isEqualTo(LocalAgentState.STOPPED);

        assertThat(model.stopCommand().execute()).isTrue();
        room.drain();
        room.drain();
        assertThat(model.selectedProperty().get().local().state()).isEqualTo(LocalAgentState.STOPPED);
        assertThat(model.stopCommand().isExecutable()).isFalse();
        assertThat(model.infoProperty().get()).startsWith("Stopped " + replacement.agentId());
    }

    @Test
    void aTemplateWhoseCommandCannotRunSaysWhy() throws Exception {
        Files.createDirectories(data.resolve("agents"));
        Files.writeString(data.resolve("agents/missing.json"),
                "{\"id\": \"missing\", \"command\": [\"/no/such/program-here\"]}");
        room = RoomFixture.open(data);
        AgentsViewModel model = new AgentsViewModel(room.context());
        room.drain();
        model.templateProperty().set(model.templates().stream().filter(t -> t.id().equals("missing")).findFirst()
                .orElseThrow());

        model.startCommand().execute();
        room.drain();

        assertThat(model.errorProperty().get()).contains("cannot start /no/such/program-here");
        assertThat(room.room().localAgents().list()).isEmpty();
        assertThat(model.startCommand().isExecutable()).isTrue();
    }
}
