package org.symbi.app.ui.queues;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.app.ui.RoomFixture;
import org.symbi.app.ui.kit.Selection;
import org.symbi.kernel.Kernel;
import org.symbi.kernel.bus.Delivery;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.Priority;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.symbi.app.ui.queues.BusTraffic.register;
import static org.symbi.app.ui.queues.BusTraffic.send;

/** The queues' view model on a real room: messages wait for an agent that is registered but not connected. */
class QueuesViewModelTest {
    @TempDir
    Path data;
    private RoomFixture room;
    private Kernel kernel;
    private QueuesViewModel model;

    @BeforeEach
    void open() throws IOException {
        room = RoomFixture.open(data);
        kernel = room.room().kernel();
        model = new QueuesViewModel(room.feed(), kernel, room.context().selection());
        register(kernel, "sender");
        register(kernel, "worker");
    }

    @AfterEach
    void close() {
        room.close();
    }

    private AgentQueue queueOf(String agentId) {
        return model.agents().stream().filter(a -> a.agentId().equals(agentId)).findFirst().orElseThrow();
    }

    private static List<Long> depths(List<LaneDepth> lanes) {
        return lanes.stream().map(LaneDepth::depth).toList();
    }

    @Test
    void depthsPerLaneForTheRoomAndPerAgent() {
        send(kernel, "sender", "worker", Priority.HIGH, "h1");
        send(kernel, "sender", "worker", Priority.HIGH, "h2");
        for (int i = 0; i < 4; i++) {
            send(kernel, "sender", "worker", Priority.NORMAL, "n" + i);
        }
        send(kernel, "sender", "worker", Priority.LOW, "l1");
        send(kernel, "worker", "sender", Priority.CRITICAL, "c1");

        room.drain();

        assertThat(depths(queueOf("worker").lanes())).containsExactly(0L, 2L, 4L, 1L);
        assertThat(queueOf("worker").waiting()).isEqualTo(7);
        assertThat(queueOf("worker").attached()).isFalse();
        assertThat(depths(queueOf("sender").lanes())).containsExactly(1L, 0L, 0L, 0L);
        assertThat(depths(model.roomLanes())).containsExactly(1L, 2L, 4L, 1L);
        assertThat(model.roomLanes()).extracting(LaneDepth::share).containsExactly(0.25, 0.5, 1.0, 0.25);
        assertThat(queueOf("worker").lanes()).extracting(LaneDepth::share).containsExactly(0.0, 0.5, 1.0, 0.25);
        assertThat(model.messagesPerSecondProperty().get()).as("8 messages in the rate's window").isPositive();
    }

    @Test
    void theChosenAgentsLanesListWhatWaitsAndTheRoomFollowsTheChoice() {
        Envelope first = send(kernel, "sender", "worker", Priority.HIGH, "please review the parser");
        Envelope second = send(kernel, "sender", "worker", Priority.HIGH, "and the lexer");
        send(kernel, "sender", "worker", Priority.LOW, "when you have time");

        send(kernel, "worker", "sender", Priority.NORMAL, "ok");
        room.drain();
        assertThat(model.selectedAgentProperty().get()).as("the first inbox is shown at first").isEqualTo("sender");
        assertThat(room.context().selection().selected()).as("without choosing it for the room").isNull();

        model.showAgent("worker");
        room.drain();

        assertThat(room.context().selection().selected()).isEqualTo(Selection.Target.agent("worker"));
        assertThat(model.waiting(Priority.HIGH)).extracting(WaitingMessage::messageId)
                .containsExactly(first.messageId(), second.messageId());
        assertThat(model.waiting(Priority.HIGH).getFirst()).satisfies(m -> {
            assertThat(m.sender()).isEqualTo("sender");
            assertThat(m.type()).isEqualTo("collaboration_invite");
            assertThat(m.payload()).contains("please review the parser");
            assertThat(m.ageMillis()).isNotNegative();
        });
        assertThat(model.waiting(Priority.LOW)).hasSize(1);
        assertThat(model.waiting(Priority.CRITICAL)).isEmpty();
    }

    @Test
    void anAgentChosenElsewhereInTheRoomIsShownHere() {
        send(kernel, "sender", "worker", Priority.NORMAL, "hello");
        room.drain();

        room.context().selection().select(Selection.Target.agent("worker"));
        room.drain();

        assertThat(model.selectedAgentProperty().get()).isEqualTo("worker");
        assertThat(model.waiting(Priority.NORMAL)).hasSize(1);
    }

    @Test
    void deliveriesNotYetAcknowledgedAreBeingProcessed() {
        for (int i = 0; i < 3; i++) {
            send(kernel, "sender", "worker", Priority.NORMAL, "job " + i);
        }
        model.showAgent("worker");
        List<Delivery> taken = kernel.bus().poll("worker", 2);
        room.drain();

        assertThat(model.processingCountProperty().get()).isEqualTo(2);
        assertThat(model.roomProcessingProperty().get()).isEqualTo(2);
        assertThat(model.processing()).extracting(InFlightMessage::messageId)
                .containsExactly(taken.get(0).envelope().messageId(), taken.get(1).envelope().messageId());
        assertThat(model.processing()).allSatisfy(m -> assertThat(m.attempt()).isEqualTo(1));
        assertThat(model.waiting(Priority.NORMAL)).hasSize(1);

        assertThat(kernel.bus().ack("worker", taken.getFirst().deliveryId())).isTrue();
        room.drain();

        assertThat(model.processingCountProperty().get()).isEqualTo(1);
        assertThat(model.processing()).extracting(InFlightMessage::deliveryId)
                .containsExactly(taken.get(1).deliveryId());
    }

    /** A view model on a room where one message to each of these silent agents became a dead letter. */
    private static QueuesViewModel withDeadLetters(ShortAckRoom shortAck, String... silentAgents)
            throws InterruptedException {
        QueuesViewModel queues = new QueuesViewModel(shortAck.feed, shortAck.kernel, shortAck.selection);
        register(shortAck.kernel, "sender");
        for (String agent : silentAgents) {
            shortAck.silentAgent(agent);
            shortAck.send("sender", agent, "are you there, " + agent + "?");
        }
        shortAck.letAcksTimeOut();
        shortAck.drainUntil(() -> queues.deadLetters().size() == silentAgents.length);
        return queues;
    }

    @Test
    void deadLettersCanBeRetriedAndDiscarded(@TempDir Path other) throws InterruptedException {
        try (ShortAckRoom shortAck = new ShortAckRoom(other)) {
            QueuesViewModel queues = withDeadLetters(shortAck, "mute");

            DeadLetterRow row = queues.deadLetters().getFirst();
            assertThat(row.recipient()).isEqualTo("mute");
            assertThat(row.sender()).isEqualTo("sender");
            assertThat(row.type()).isEqualTo("collaboration_invite");
            assertThat(row.payload()).contains("are you there, mute?");
            assertThat(row.attempts()).isEqualTo(1);
            assertThat(row.reason()).contains("not acknowledged");
            assertThat(queues.retryCommand().isExecutable()).as("nothing chosen yet").isFalse();

            queues.selectedDeadLetterProperty().set(row);
            assertThat(queues.retryCommand().execute()).isTrue();
            shortAck.drain();

            assertThat(queues.messageProperty().get()).startsWith("Sent message " + row.messageId());
            assertThat(queues.deadLetters()).isEmpty();
            assertThat(queues.selectedDeadLetterProperty().get()).isNull();
            queues.showAgent("mute");
            shortAck.drain();
            assertThat(queues.processing()).as("delivered again, with a fresh count")
                    .singleElement().satisfies(m -> {
                        assertThat(m.messageId()).isEqualTo(row.messageId());
                        assertThat(m.attempt()).isEqualTo(1);
                    });

            shortAck.letAcksTimeOut();
            shortAck.drainUntil(() -> !queues.deadLetters().isEmpty());
            assertThat(queues.processing()).isEmpty();
            queues.selectedDeadLetterProperty().set(queues.deadLetters().getFirst());
            assertThat(queues.discardCommand().execute()).isTrue();
            shortAck.drain();

            assertThat(queues.messageProperty().get()).startsWith("Discarded message " + row.messageId());
            assertThat(queues.deadLetters()).isEmpty();
            assertThat(shortAck.kernel.bus().deadLetters(null, 10)).isEmpty();
        }
    }

    @Test
    void aDeadLetterSomeoneElseHandledMeanwhileIsRefusedWithAReason(@TempDir Path other) throws InterruptedException {
        try (ShortAckRoom shortAck = new ShortAckRoom(other)) {
            QueuesViewModel queues = withDeadLetters(shortAck, "mute");
            DeadLetterRow row = queues.deadLetters().getFirst();
            queues.selectedDeadLetterProperty().set(row);

            assertThat(shortAck.kernel.bus().discardDeadLetter(row.seq())).as("discarded through another door").isTrue();
            queues.retryCommand().execute();
            shortAck.drain();

            assertThat(queues.messageProperty().get()).contains("Could not retry").contains("no longer a dead letter");
            assertThat(queues.deadLetters()).isEmpty();
        }
    }

    @Test
    void deadLettersOfTheChosenAgentOnly(@TempDir Path other) throws InterruptedException {
        try (ShortAckRoom shortAck = new ShortAckRoom(other)) {
            QueuesViewModel queues = withDeadLetters(shortAck, "mute-a", "mute-b");

            queues.showAgent("mute-b");
            queues.deadLettersOfSelectedAgentProperty().set(true);
            shortAck.drain();

            assertThat(queues.deadLetters()).extracting(DeadLetterRow::recipient).containsExactly("mute-b");
        }
    }
}
