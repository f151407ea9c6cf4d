package org.symbi.app.ui.topology;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.app.ui.RoomFixture;
import org.symbi.app.ui.kit.Selection;
import org.symbi.kernel.Kernel;
import org.symbi.kernel.events.KernelEvent;
import org.symbi.kernel.lock.ConflictType;
import org.symbi.kernel.lock.ResolutionStrategy;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.AgentStatus;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.MessageType;
import org.symbi.protocol.Priority;
import org.symbi.protocol.StatusReport;
import org.symbi.protocol.Tier;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TopologyViewModelTest {
    @TempDir
    Path data;
    private RoomFixture room;
    private Kernel kernel;
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private TopologyViewModel model;

    @BeforeEach
    void open() throws Exception {
        room = RoomFixture.open(data);
        kernel = room.room().kernel();
    }

    @AfterEach
    void close() {
        room.close();
    }

    private TopologyViewModel model() {
        model = new TopologyViewModel(room.context(), now::get);
        room.drain();
        return model;
    }

    /** Registers through the protocol, as an agent does. */
    static void register(Kernel kernel, String id, Tier tier, String repository) {
        AgentCard card = new AgentCard(id, "test", tier, List.of("code"), repository, null, null, "1", null, 2);
        assertThat(kernel.receive(Envelope.builder().fromAgent(id).toAgent(Envelope.ORCHESTRATOR)
                .messageType(MessageType.REGISTER).payload(kernel.codec().toPayload(card)).build()).join().isAccepted())
                .isTrue();
    }

    static void report(Kernel kernel, String id, AgentStatus status) {
        kernel.receive(Envelope.builder().fromAgent(id).toAgent(Envelope.ORCHESTRATOR).messageType(MessageType.HEARTBEAT)
                .payload(kernel.codec().toPayload(new StatusReport(status, null, null, null, null))).build()).join();
    }

    private void send(String from, String to, Priority priority) {
        assertThat(kernel.receive(Envelope.builder().fromAgent(from).toAgent(to).messageType(MessageType.COLLABORATION_INVITE)
                .priority(priority).payload(JsonNodeFactory.instance.objectNode().put("hello", to)).build())
                .join().isAccepted()).isTrue();
    }

    private AgentItem agent(String id) {
        return model.agents().stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
    }

    private static double angle(AgentItem a) {
        return Math.atan2(a.y(), a.x());
    }

    @Test
    void agentsFromBeforeAndAfterOpeningAreShownGroupedByTier() {
        register(kernel, "boss", Tier.MANAGER, "org/api");
        register(kernel, "w1", Tier.WORKER, "org/web");
        model();
        register(kernel, "w2", Tier.WORKER, "org/api");
        register(kernel, "eye", Tier.MONITOR, null);
        room.drain();

        assertThat(model.agents()).extracting(AgentItem::id).containsExactly("boss", "w1", "w2", "eye");
        assertThat(model.agents()).allSatisfy(a -> assertThat(model.agents().indexOf(a)).isEqualTo(a.index()));
        assertThat(model.sectors()).extracting(TopologyLayout.Sector::name).containsExactly("manager", "worker", "monitor");
        assertThat(model.statusProperty().get()).isEqualTo("4 agents");
        assertThat(model.agents()).allSatisfy(a ->
                assertThat(Math.hypot(a.x(), a.y())).isGreaterThanOrEqualTo(TopologyLayout.CORE - 1e-9));
        // Workers share a sector: they sit side by side, the manager elsewhere.
        assertThat(Math.abs(angle(agent("w1")) - angle(agent("w2")))).isLessThan(Math.abs(angle(agent("w1")) - angle(agent("boss"))));
    }

    @Test
    void afterEventsWereShedTheAgentsAreReadAgain() {
        register(kernel, "a", Tier.WORKER, null);
        model();
        register(kernel, "b", Tier.WORKER, null);
        // A reported load raises no event: only a fresh read of the registry shows it.
        kernel.receive(Envelope.builder().fromAgent("b").toAgent(Envelope.ORCHESTRATOR).messageType(MessageType.HEARTBEAT)
                .payload(kernel.codec().toPayload(new StatusReport(AgentStatus.AVAILABLE, 0.6, null, null, null)))
                .build()).join();
        // More events than the feed keeps between pulses: it drops them all, b's registration among them.
        for (int i = 0; i <= 100_000; i++) {
            kernel.events().publish(new KernelEvent.AgentStatusChanged(Instant.EPOCH, "nobody", AgentStatus.OFFLINE,
                    AgentStatus.AVAILABLE, "flood"));
        }
        room.drain();

        assertThat(model.agents()).extracting(AgentItem::id).containsExactly("a", "b");
        assertThat(agent("b").load()).isEqualTo(0.6);
        assertThat(model.statusProperty().get()).isEqualTo("2 agents");
    }

    @Test
    void groupingByRepositoryRegroupsAndPutsAgentsWithoutOneLast() {
        register(kernel, "a", Tier.WORKER, "org/web");
        register(kernel, "b", Tier.MANAGER, "org/api");
        register(kernel, "c", Tier.WORKER, " ");
        model();
        long layouts = model.layoutVersionProperty().get();

        assertThat(model.grouping().byRepository().execute()).isTrue();

        assertThat(model.sectors()).extracting(TopologyLayout.Sector::name)
                .containsExactly("org/api", "org/web", AgentItem.NO_REPOSITORY);
        assertThat(model.layoutVersionProperty().get()).isGreaterThan(layouts);
        assertThat(model.grouping().byRepository().isExecutable()).isFalse();
        assertThat(model.grouping().byTier().execute()).isTrue();
        assertThat(model.sectors()).extracting(TopologyLayout.Sector::name).containsExactly("manager", "worker");
    }

    @Test
    void statusAndLoadFollowTheKernel() {
        register(kernel, "w1", Tier.WORKER, "org/web");
        model();
        assertThat(agent("w1").status()).isEqualTo(AgentStatus.AVAILABLE);

        kernel.registry().setActiveTasks("w1", 1);
        report(kernel, "w1", AgentStatus.BUSY);
        room.drain();

        assertThat(agent("w1").status()).isEqualTo(AgentStatus.BUSY);
        assertThat(agent("w1").activeTasks()).isEqualTo(1);
        assertThat(agent("w1").load()).isCloseTo(0.5, within(1e-9));

        kernel.agentLost("w1");
        room.drain();
        assertThat(agent("w1").status()).isEqualTo(AgentStatus.OFFLINE);
    }

    @Test
    void reportedLoadsAreReadAndShownAFewAgentsAFrame() {
        int agents = TopologyViewModel.LOADS_PER_FRAME + 20;
        for (int i = 0; i < agents; i++) {
            register(kernel, String.format("w%03d", i), Tier.WORKER, null);
        }
        model();
        for (int i = 0; i < agents; i++) {
            String id = String.format("w%03d", i);
            kernel.receive(Envelope.builder().fromAgent(id).toAgent(Envelope.ORCHESTRATOR).messageType(MessageType.HEARTBEAT)
                    .payload(kernel.codec().toPayload(new StatusReport(AgentStatus.AVAILABLE, 0.75, null, null, null)))
                    .build()).join();
        }
        room.drain();
        assertThat(model.agents()).allSatisfy(a -> assertThat(a.load()).isZero());

        model.advance(now.get());
        assertThat(model.agents().stream().filter(a -> a.load() == 0.75).count()).isEqualTo(TopologyViewModel.LOADS_PER_FRAME);
        model.advance(now.get());
        assertThat(model.agents()).allSatisfy(a -> assertThat(a.load()).isEqualTo(0.75));
    }

    @Test
    void messagesLightBothAgentsSpokesInTheirPriorityAndFadeWithinASecond() {
        register(kernel, "a", Tier.WORKER, null);
        register(kernel, "b", Tier.WORKER, null);
        register(kernel, "c", Tier.WORKER, null);
        model();
        FlowPulses pulses = model.pulses();
        assertThat(pulses.active(now.get())).isFalse();

        send("a", "b", Priority.CRITICAL);
        room.drain();

        int critical = Priority.CRITICAL.lane();
        assertThat(pulses.strength(agent("a").index(), critical, now.get())).isEqualTo(1);
        assertThat(pulses.strength(agent("b").index(), critical, now.get())).isEqualTo(1);
        assertThat(pulses.strength(agent("c").index(), critical, now.get())).isZero();
        assertThat(pulses.strength(agent("a").index(), Priority.NORMAL.lane(), now.get())).isZero();

        long later = now.get() + FlowPulses.FADE_NANOS / 4;
        assertThat(pulses.strength(agent("a").index(), critical, later)).isCloseTo(0.75, within(1e-9));
        assertThat(pulses.active(now.get() + FlowPulses.FADE_NANOS - 1)).isTrue();
        assertThat(pulses.active(now.get() + FlowPulses.FADE_NANOS)).isFalse();
        assertThat(pulses.strength(agent("b").index(), critical, now.get() + FlowPulses.FADE_NANOS)).isZero();

        model.advance(now.get());
        model.advance(now.get() + 1_000_000_000L);
        send("b", "c", Priority.LOW);
        send("b", "a", Priority.LOW);
        room.drain();
        model.advance(now.get() + 2_000_000_000L);
        assertThat(model.messageRateProperty().get()).isEqualTo(2);
    }

    @Test
    void searchHighlightsEveryMatchAndCentresTheBestOne() {
        register(kernel, "coder-2", Tier.WORKER, null);
        register(kernel, "coder", Tier.WORKER, null);
        register(kernel, "reviewer", Tier.SPECIALIST, null);
        register(kernel, "my-coder", Tier.WORKER, null);
        model();
        Viewport view = model.viewport();
        view.resize(800, 600);

        model.search().find(" CODER ");

        assertThat(model.search().matches()).extracting(AgentItem::id).containsExactly("coder", "coder-2", "my-coder");
        assertThat(agent("coder").isMatched()).isTrue();
        assertThat(agent("reviewer").isMatched()).isFalse();
        assertThat(model.search().currentProperty().get().id()).isEqualTo("coder");
        assertThat(model.search().resultProperty().get()).isEqualTo("1 of 3 matches");
        assertThat(view.screenX(agent("coder").x())).isCloseTo(400, within(1e-9));
        assertThat(view.zoomProperty().get()).isGreaterThanOrEqualTo(TopologyViewModel.FOCUS_ZOOM);

        model.search().next();
        assertThat(model.search().currentProperty().get().id()).isEqualTo("coder-2");
        assertThat(view.screenY(agent("coder-2").y())).isCloseTo(300, within(1e-9));

        model.search().find("nobody");
        assertThat(model.search().resultProperty().get()).isEqualTo("No agent's id contains “nobody”");
        assertThat(model.agents()).noneMatch(AgentItem::isMatched);
        assertThat(model.search().currentProperty().get()).isNull();
    }

    @Test
    void selectingAnAgentSelectsItForTheWholeRoom() {
        register(kernel, "a", Tier.WORKER, "org/web");
        register(kernel, "b", Tier.MANAGER, null);
        model();

        model.select("a");
        assertThat(room.context().selection().selected()).isEqualTo(Selection.Target.agent("a"));
        assertThat(agent("a").isSelected()).isTrue();
        assertThat(model.selectedSummaryProperty().get()).startsWith("a · worker · org/web · available · load 0 % · 0 tasks");

        room.context().selection().select(Selection.Target.agent("b"));
        assertThat(agent("a").isSelected()).isFalse();
        assertThat(agent("b").isSelected()).isTrue();
        assertThat(model.selectedProperty().get()).isSameAs(agent("b"));

        room.context().selection().select(Selection.Target.task("t-1"));
        assertThat(model.agents()).noneMatch(AgentItem::isSelected);
        assertThat(model.selectedSummaryProperty().get()).isEmpty();

        room.context().selection().select(Selection.Target.agent("late"));
        register(kernel, "late", Tier.WORKER, null);
        room.drain();
        assertThat(agent("late").isSelected()).isTrue();
    }

    @Test
    void locksAndConflictsAreShownOnTheAgentsInvolved() {
        register(kernel, "a", Tier.WORKER, null);
        register(kernel, "b", Tier.WORKER, null);
        register(kernel, "c", Tier.WORKER, null);
        kernel.locks().acquire("a", "repo/readme", Duration.ofMinutes(5), Priority.NORMAL);
        model();
        assertThat(agent("a").locksHeld()).isEqualTo(1);

        kernel.locks().acquire("a", "repo/main", Duration.ofMinutes(5), Priority.NORMAL);
        var conflict = kernel.locks().openConflict(ConflictType.MERGE_CONFLICT, "repo/main", List.of("a", "b", "c"),
                ResolutionStrategy.HUMAN_ESCALATION, Duration.ofMinutes(10));
        room.drain();

        assertThat(agent("a").lockedResources()).containsExactly("repo/main", "repo/readme");
        assertThat(model.conflictLinks()).extracting(l -> l.first().id() + "-" + l.other().id()).containsExactly("a-b", "a-c");
        assertThat(model.conflictLinks()).allSatisfy(l -> assertThat(l.resource()).isEqualTo("repo/main"));
        assertThat(model.agents()).allMatch(AgentItem::isInConflict);
        model.select("a");
        assertThat(model.selectedSummaryProperty().get()).endsWith("locks repo/main, repo/readme · in conflict");

        kernel.locks().release("a", "repo/readme");
        var escalation = kernel.locks().openEscalations().getFirst();
        kernel.locks().decideEscalation(escalation.escalationId(), "b", "local");
        room.drain();

        assertThat(kernel.locks().openConflicts()).noneMatch(c -> c.conflictId().equals(conflict.conflictId()));
        assertThat(model.conflictLinks()).isEmpty();
        assertThat(model.agents()).noneMatch(AgentItem::isInConflict);
        assertThat(agent("a").lockedResources()).doesNotContain("repo/readme");
    }
}
