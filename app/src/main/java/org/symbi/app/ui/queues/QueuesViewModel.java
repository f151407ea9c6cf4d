package org.symbi.app.ui.queues;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.symbi.app.ui.kit.Command;
import org.symbi.app.ui.kit.RoomFeed;
import org.symbi.app.ui.kit.Selection;
import org.symbi.kernel.Kernel;
import org.symbi.kernel.bus.DeadLetter;
import org.symbi.kernel.bus.InboxDepth;
import org.symbi.kernel.bus.MessageBus;
import org.symbi.kernel.events.KernelEvent;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.Priority;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The bus as a person watches it: the depth of the four priority lanes across the room and per agent, what
 * waits in each lane of one agent's inbox and what it is processing, the message rate, and the dead letters
 * with retry and discard. Depths are read every half second (they live in memory); dead letters, which are
 * read from the database, every few seconds and whenever a message is dead-lettered.
 */
public final class QueuesViewModel {
    static final Duration DEPTH_PERIOD = Duration.ofMillis(500);
    static final Duration DEAD_LETTER_PERIOD = Duration.ofSeconds(3);
    /** Waiting messages listed per lane; the depth counts all of them. */
    static final int PEEK_LIMIT = 50;
    static final int DEAD_LETTER_LIMIT = 200;
    static final int PAYLOAD_CHARS = 80;
    private static final long RATE_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final List<Priority> LANES = List.of(Priority.values());

    private final RoomFeed feed;
    private final MessageBus bus;
    private final InstantSource clock;
    private final Selection selection;
    private final InFlightTracker inFlight = new InFlightTracker();
    private final MessageRate rate = new MessageRate(RATE_WINDOW_NANOS);

    private final ObservableList<LaneDepth> roomLanes = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper roomProcessing = new ReadOnlyIntegerWrapper();
    private final ObservableList<AgentQueue> agents = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<String> selectedAgent = new ReadOnlyObjectWrapper<>();
    /** The agent the background reads look at: the selected one, handed over from the FX thread. */
    private volatile String agentToRead;
    private final List<ObservableList<WaitingMessage>> waiting = new ArrayList<>();
    private final ObservableList<InFlightMessage> processing = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper processingCount = new ReadOnlyIntegerWrapper();
    private final ObservableList<DeadLetterRow> deadLetters = FXCollections.observableArrayList();
    private final BooleanProperty deadLettersOfSelectedAgent = new SimpleBooleanProperty(false);
    private volatile boolean onlySelectedAgentsDeadLetters;
    private final ObjectProperty<DeadLetterRow> selectedDeadLetter = new SimpleObjectProperty<>();
    private final ReadOnlyDoubleWrapper messagesPerSecond = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final SimpleBooleanProperty busy = new SimpleBooleanProperty(false);
    private final Command retry;
    private final ObservableList<LaneDepth> roomLanesView = FXCollections.unmodifiableObservableList(roomLanes);
    private final ObservableList<AgentQueue> agentsView = FXCollections.unmodifiableObservableList(agents);
    private final List<ObservableList<WaitingMessage>> waitingView = new ArrayList<>();
    private final ObservableList<InFlightMessage> processingView = FXCollections.unmodifiableObservableList(processing);
    private final ObservableList<DeadLetterRow> deadLettersView = FXCollections.unmodifiableObservableList(deadLetters);
    private final Command discard;

    /** What one depth read saw. */
    private record DepthRead(List<InboxDepth> depths, String agent, List<List<WaitingMessage>> waiting, Instant at) {
    }

    public QueuesViewModel(RoomFeed feed, Kernel kernel, Selection selection) {
        this.feed = feed;
        this.bus = kernel.bus();
        this.clock = kernel.clock();
        this.selection = selection;
        for (int i = 0; i < LANES.size(); i++) {
            ObservableList<WaitingMessage> lane = FXCollections.observableArrayList();
            waiting.add(lane);
            waitingView.add(FXCollections.unmodifiableObservableList(lane));
        }
        var canAct = selectedDeadLetter.isNotNull().and(busy.not());
        retry = Command.of(this::retrySelected, canAct);
        discard = Command.of(this::discardSelected, canAct);
        deadLettersOfSelectedAgent.addListener((obs, was, only) -> {
            onlySelectedAgentsDeadLetters = only;
            reloadDeadLetters();
        });
        selection.selectedProperty().addListener((obs, was, target) -> {
            if (target != null && target.kind() == Selection.Target.Kind.AGENT) {
                look(target.id());
            }
        });

        feed.every(DEPTH_PERIOD, this::readDepths, this::applyDepths);
        feed.every(DEAD_LETTER_PERIOD, this::readDeadLetters, this::applyDeadLetters);
        feed.on(batch -> {
            batch.forEach(inFlight::apply);
            if (batch.stream().anyMatch(KernelEvent.MessageDeadLettered.class::isInstance)) {
                reloadDeadLetters();
            }
        }, KernelEvent.MessageDelivered.class, KernelEvent.MessageAcked.class,
                KernelEvent.MessageDeadLettered.class, KernelEvent.MessageDropped.class);
        feed.onFlow(sample -> rate.add(System.nanoTime(), sample.messages()));
    }

    // --- reads (background) and their application (FX thread) -------------------------------------------

    private DepthRead readDepths() {
        // Taken first: what the bus counts below includes at least every delivery made before it.
        Instant now = clock.instant();
        List<InboxDepth> depths = new ArrayList<>(bus.depths());
        depths.sort(Comparator.comparing(InboxDepth::agentId));
        String agent = agentToRead;
        List<List<WaitingMessage>> lanes = new ArrayList<>();
        // Peeking creates an inbox for an unknown id, so only agents that have one are looked into.
        if (agent != null && depths.stream().anyMatch(d -> d.agentId().equals(agent))) {
            for (Priority lane : LANES) {
                lanes.add(bus.peek(agent, lane.lane(), PEEK_LIMIT).stream().map(e -> waitingMessage(e, now)).toList());
            }
        }
        return new DepthRead(depths, agent, lanes, now);
    }

    private static WaitingMessage waitingMessage(Envelope e, Instant now) {
        return new WaitingMessage(e.messageId(), e.fromAgent(), e.messageType().wire(),
                Math.max(0, now.toEpochMilli() - e.timestamp()), shortPayload(e));
    }

    private static String shortPayload(Envelope e) {
        String text = e.payload().toString();
        return text.length() <= PAYLOAD_CHARS ? text : text.substring(0, PAYLOAD_CHARS - 1) + "…";
    }

    private void applyDepths(DepthRead read) {
        long[] room = new long[LANES.size()];
        long deepestAgentLane = 1;
        int processingTotal = 0;
        Map<String, Integer> processingByAgent = new HashMap<>();
        for (InboxDepth d : read.depths()) {
            for (int i = 0; i < room.length; i++) {
                room[i] += d.lanes()[i];
                deepestAgentLane = Math.max(deepestAgentLane, d.lanes()[i]);
            }
            processingTotal += d.processing();
            processingByAgent.put(d.agentId(), d.processing());
        }
        replaceIfChanged(roomLanes, laneDepths(room, Math.max(1, Arrays.stream(room).max().orElse(1))));
        roomProcessing.set(processingTotal);
        List<AgentQueue> rows = new ArrayList<>();
        for (InboxDepth d : read.depths()) {
            rows.add(new AgentQueue(d.agentId(), laneDepths(d.lanes(), deepestAgentLane), d.processing(), d.attached()));
        }
        replaceIfChanged(agents, rows);
        if (selectedAgent.get() == null && !rows.isEmpty()) {
            look(rows.getFirst().agentId());
        } else if (Objects.equals(read.agent(), selectedAgent.get())) {
            for (int i = 0; i < LANES.size(); i++) {
                waiting.get(i).setAll(i < read.waiting().size() ? read.waiting().get(i) : List.of());
            }
        }
        inFlight.trimTo(processingByAgent, read.at());
        String agent = selectedAgent.get();
        processingCount.set(agent == null ? 0 : processingByAgent.getOrDefault(agent, 0));
        replaceIfChanged(processing, agent == null ? List.of() : inFlight.of(agent, read.at()));
        messagesPerSecond.set(rate.perSecond(System.nanoTime()));
    }

    private static List<LaneDepth> laneDepths(long[] depths, long deepest) {
        List<LaneDepth> out = new ArrayList<>(depths.length);
        for (int i = 0; i < depths.length; i++) {
            out.add(new LaneDepth(LANES.get(i), depths[i], depths[i] / (double) deepest));
        }
        return out;
    }

    private List<DeadLetterRow> readDeadLetters() {
        String agent = onlySelectedAgentsDeadLetters ? agentToRead : null;
        if (onlySelectedAgentsDeadLetters && agent == null) {
            return List.of();
        }
        return bus.deadLetters(agent, DEAD_LETTER_LIMIT).stream().map(QueuesViewModel::deadLetterRow).toList();
    }

    private static DeadLetterRow deadLetterRow(DeadLetter d) {
        Envelope e = d.envelope();
        return new DeadLetterRow(d.seq(), d.recipient(), e == null ? null : e.messageId(),
                e == null ? null : e.fromAgent(), e == null ? null : e.messageType().wire(), d.attempts(), d.reason(),
                Instant.ofEpochMilli(d.deadAt()), e == null ? "" : shortPayload(e));
    }

    private void applyDeadLetters(List<DeadLetterRow> rows) {
        replaceIfChanged(deadLetters, rows);
        DeadLetterRow chosen = selectedDeadLetter.get();
        if (chosen != null && rows.stream().noneMatch(r -> r.seq() == chosen.seq())) {
            selectedDeadLetter.set(null);
        }
    }

    private void reloadDeadLetters() {
        feed.submit(this::readDeadLetters, this::applyDeadLetters,
                failure -> message.set("Could not read the dead letters: " + failure.getMessage()));
    }

    /** Replaces a list's content only when it changed, so tables keep their scroll position and selection. */
    private static <T> void replaceIfChanged(ObservableList<T> list, List<T> content) {
        if (!list.equals(content)) {
            list.setAll(content);
        }
    }

    // --- what a person does -----------------------------------------------------------------------------

    /** The person chose an agent: its lanes are shown, and the rest of the room follows the choice. */
    public void showAgent(String agentId) {
        if (agentId != null) {
            look(agentId);
            selection.select(Selection.Target.agent(agentId));
        }
    }

    /** Shows this agent's lanes; a read fills them in. */
    private void look(String agentId) {
        if (agentId.equals(selectedAgent.get())) {
            return;
        }
        selectedAgent.set(agentId);
        agentToRead = agentId;
        waiting.forEach(List::clear);
        processing.clear();
        processingCount.set(0);
        if (onlySelectedAgentsDeadLetters) {
            reloadDeadLetters();
        }
        feed.submit(this::readDepths, this::applyDepths, failure -> message.set("Could not read the queues: "
                + failure.getMessage()));
    }

    private void retrySelected() {
        DeadLetterRow row = selectedDeadLetter.get();
        act(() -> bus.retryDeadLetter(row.seq()), "Sent " + row.label() + " again", "retry " + row.label());
    }

    private void discardSelected() {
        DeadLetterRow row = selectedDeadLetter.get();
        act(() -> bus.discardDeadLetter(row.seq()), "Discarded " + row.label(), "discard " + row.label());
    }

    /** Runs a dead-letter command in the background, says how it went, then reads the dead letters again. */
    private void act(Callable<Boolean> command, String done, String what) {
        busy.set(true);
        message.set("");
        feed.submit(command, changed -> {
            busy.set(false);
            message.set(changed ? done : "Could not " + what + ": it is no longer a dead letter (retried or "
                    + "discarded meanwhile)");
            reloadDeadLetters();
        }, failure -> {
            busy.set(false);
            message.set("Could not " + what + ": " + failure.getMessage());
            reloadDeadLetters();
        });
    }

    // --- properties -------------------------------------------------------------------------------------

    /** The four lanes summed over every inbox in the room, critical first. */
    public ObservableList<LaneDepth> roomLanes() {
        return roomLanesView;
    }

    public ReadOnlyIntegerProperty roomProcessingProperty() {
        return roomProcessing.getReadOnlyProperty();
    }

    /** Every inbox on the bus, by agent id. */
    public ObservableList<AgentQueue> agents() {
        return agentsView;
    }

    public ReadOnlyObjectProperty<String> selectedAgentProperty() {
        return selectedAgent.getReadOnlyProperty();
    }

    /** What waits in one lane of the selected agent's inbox, oldest first (at most {@value #PEEK_LIMIT}). */
    public ObservableList<WaitingMessage> waiting(Priority lane) {
        return waitingView.get(lane.lane());
    }

    /** Deliveries to the selected agent not acknowledged yet, as far as they were seen going out. */
    public ObservableList<InFlightMessage> processing() {
        return processingView;
    }

    /** How many deliveries the selected agent has not acknowledged, by the bus's own count. */
    public ReadOnlyIntegerProperty processingCountProperty() {
        return processingCount.getReadOnlyProperty();
    }

    public ObservableList<DeadLetterRow> deadLetters() {
        return deadLettersView;
    }

    /** Whether the dead letters shown are the selected agent's only, or the whole room's. */
    public BooleanProperty deadLettersOfSelectedAgentProperty() {
        return deadLettersOfSelectedAgent;
    }

    public ObjectProperty<DeadLetterRow> selectedDeadLetterProperty() {
        return selectedDeadLetter;
    }

    public Command retryCommand() {
        return retry;
    }

    public Command discardCommand() {
        return discard;
    }

    /** Messages accepted per second across the room, over the last few seconds. */
    public ReadOnlyDoubleProperty messagesPerSecondProperty() {
        return messagesPerSecond.getReadOnlyProperty();
    }

    /** What became of the last command, or why it was refused. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
