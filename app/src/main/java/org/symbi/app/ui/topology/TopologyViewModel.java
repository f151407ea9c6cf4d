package org.symbi.app.ui.topology;

import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.symbi.app.ui.RoomContext;
import org.symbi.app.ui.kit.Command;
import org.symbi.app.ui.kit.MessageFlow;
import org.symbi.app.ui.kit.Selection;
import org.symbi.kernel.Kernel;
import org.symbi.kernel.events.KernelEvent;
import org.symbi.kernel.lock.Conflict;
import org.symbi.kernel.lock.Lease;
import org.symbi.kernel.registry.AgentView;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.Priority;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The topology's state: every agent with its place, status, load, locks and conflicts, the message flow on
 * each spoke, and search, selection, zoom and pan. Everything comes through the room's feed: a snapshot
 * first (events arriving meanwhile wait and are replayed on top of it), then per-pulse event batches and
 * folded message flow; a resync reloads the snapshot.
 */
public final class TopologyViewModel {
    /** Zoom a found agent is shown at, at least. */
    static final double FOCUS_ZOOM = 2.5;
    /** Reported loads come with heartbeats, which raise no event: they are read this often. */
    static final Duration LOAD_READ_PERIOD = Duration.ofSeconds(3);
    /** Loads read are shown at most this many agents a frame. */
    static final int LOADS_PER_FRAME = 200;
    /** Smaller load changes than this are not worth redrawing a node for. */
    private static final double LOAD_STEP = 0.01;
    private static final double ZOOM_STEP = 1.25;
    private static final long RATE_WINDOW_NANOS = 1_000_000_000L;

    private record Snapshot(List<AgentView> agents, List<Lease> locks, List<Conflict> conflicts) {
    }

    private final RoomContext context;
    private final LongSupplier clock;
    private final Map<String, AgentItem> byId = new HashMap<>();
    private final ObservableList<AgentItem> agents = FXCollections.observableArrayList();
    private final ObservableList<TopologyLayout.Sector> sectors = FXCollections.observableArrayList();
    private final ObservableList<AgentItem> agentsView = FXCollections.unmodifiableObservableList(agents);
    private final ObservableList<TopologyLayout.Sector> sectorsView = FXCollections.unmodifiableObservableList(sectors);
    private final OpenConflicts conflicts = new OpenConflicts();
    private final TopologyGrouping grouping = new TopologyGrouping(this::layout);
    private final TopologySearch search;
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Loading agents…");
    private final ReadOnlyStringWrapper selectedSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<AgentItem> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyLongWrapper messageRate = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper layoutVersion = new ReadOnlyLongWrapper();
    private final Viewport viewport = new Viewport();
    private final FlowPulses pulses = new FlowPulses();
    private final List<KernelEvent> pending = new ArrayList<>();
    private final Map<AgentItem, AgentView> loadsToShow = new LinkedHashMap<>();
    private final Command zoomIn = Command.of(() -> viewport.zoomBy(ZOOM_STEP));
    private final Command zoomOut = Command.of(() -> viewport.zoomBy(1 / ZOOM_STEP));
    private final Command fit = Command.of(viewport::fit);
    private boolean loading;
    private long rateSince = Long.MIN_VALUE;
    private long rateMessages;

    public TopologyViewModel(RoomContext context) {
        this(context, System::nanoTime);
    }

    /** @param clock nanoseconds, the time base of flow pulses (the view draws on {@link System#nanoTime()}) */
    TopologyViewModel(RoomContext context, LongSupplier clock) {
        this.context = context;
        this.clock = clock;
        this.search = new TopologySearch(agents, viewport, FOCUS_ZOOM);
        context.feed().on(this::apply, KernelEvent.AgentRegistered.class, KernelEvent.AgentStatusChanged.class,
                KernelEvent.AgentLoadChanged.class, KernelEvent.LockAcquired.class, KernelEvent.LockReleased.class,
                KernelEvent.ConflictOpened.class, KernelEvent.ConflictResolved.class);
        context.feed().onFlow(this::onFlow);
        context.feed().onResync(this::reload);
        context.feed().every(LOAD_READ_PERIOD, () -> context.kernel().registry().all(), this::loadsRead);
        context.selection().selectedProperty().addListener((obs, was, target) -> showSelected(target));
        reload();
    }

    // --- from the feed ------------------------------------------------------------------------------------

    private void reload() {
        loading = true;
        pending.clear();
        loadsToShow.clear();
        Kernel kernel = context.kernel();
        context.feed().submit(() -> new Snapshot(kernel.registry().all(), kernel.locks().locks(),
                kernel.locks().openConflicts()), this::load, failure -> {
            status.set("Could not read the agents: " + failure.getMessage());
            replayPending();
        });
    }

    private void load(Snapshot snapshot) {
        Set<String> present = new HashSet<>();
        List<AgentItem> added = new ArrayList<>();
        for (AgentView v : snapshot.agents()) {
            present.add(v.agentId());
            AgentItem item = upsert(v.card(), added);
            item.status(v.status());
            item.load(v.load(), v.activeTasks());
        }
        List<AgentItem> gone = agents.stream().filter(a -> !present.contains(a.id())).toList();
        if (!gone.isEmpty()) {
            gone.forEach(a -> byId.remove(a.id()));
            agents.removeAll(gone);
            for (int i = 0; i < agents.size(); i++) {
                agents.get(i).index(i);
            }
            pulses.clear();
        }
        byId.values().forEach(AgentItem::locksCleared);
        snapshot.locks().forEach(l -> find(l.holder()).ifPresent(a -> a.lockAcquired(l.resource())));
        conflicts.replaceAll(snapshot.conflicts());
        publish(added);
        layout();
        conflicts.link(byId);
        replayPending();
        status.set(byId.isEmpty() ? "No agents yet: they show here as they register" : byId.size() + " agents");
    }

    private void replayPending() {
        loading = false;
        List<KernelEvent> replay = List.copyOf(pending);
        pending.clear();
        apply(replay);
        showSelected(context.selection().selected());
    }

    private void apply(List<KernelEvent> batch) {
        if (loading) {
            pending.addAll(batch);
            return;
        }
        List<AgentItem> added = new ArrayList<>();
        boolean regroup = false;
        boolean conflictsChanged = false;
        for (KernelEvent e : batch) {
            switch (e) {
                case KernelEvent.AgentRegistered r -> regroup |= regrouped(r.card(), added);
                case KernelEvent.AgentStatusChanged s -> find(s.agentId()).ifPresent(a -> a.status(s.to()));
                case KernelEvent.AgentLoadChanged l -> find(l.agentId()).ifPresent(a -> {
                    loadsToShow.remove(a);
                    a.load(l.load(), l.activeTasks());
                });
                case KernelEvent.LockAcquired l -> find(l.holder()).ifPresent(a -> a.lockAcquired(l.resource()));
                case KernelEvent.LockReleased l -> find(l.holder()).ifPresent(a -> a.lockReleased(l.resource()));
                case KernelEvent.ConflictOpened c -> {
                    conflicts.opened(c.conflictId(), c.resource(), c.involvedAgents());
                    conflictsChanged = true;
                }
                case KernelEvent.ConflictResolved c -> conflictsChanged |= conflicts.resolved(c.conflictId());
                default -> {
                }
            }
        }
        if (!added.isEmpty() || regroup) {
            publish(added);
            layout();
            status.set(byId.size() + " agents");
        }
        if (conflictsChanged || !added.isEmpty()) {
            conflicts.link(byId);
        }
        if (!added.isEmpty()) {
            showSelected(context.selection().selected());
        }
        refreshSummary();
    }

    /** Takes a registration; true if a known agent moved to another group. */
    private boolean regrouped(AgentCard card, List<AgentItem> added) {
        AgentItem known = byId.get(card.agentId());
        String before = known == null ? null : grouping.keyOf(known);
        AgentItem item = upsert(card, added);
        return known != null && !grouping.keyOf(item).equals(before);
    }

    private AgentItem upsert(AgentCard card, List<AgentItem> added) {
        AgentItem item = byId.get(card.agentId());
        if (item != null) {
            item.card(card);
            return item;
        }
        item = new AgentItem(card, -1);
        byId.put(card.agentId(), item);
        added.add(item);
        return item;
    }

    /** New agents join the list in one change, numbered after those already there. */
    private void publish(List<AgentItem> added) {
        if (added.isEmpty()) {
            return;
        }
        for (int i = 0; i < added.size(); i++) {
            added.get(i).index(agents.size() + i);
        }
        pulses.ensureCapacity(agents.size() + added.size());
        agents.addAll(added);
    }

    /** Queues the loads that changed; {@link #advance} shows them a few at a time. */
    private void loadsRead(List<AgentView> views) {
        if (loading) {
            return;
        }
        for (AgentView v : views) {
            AgentItem a = byId.get(v.agentId());
            if (a != null && (Math.abs(a.load() - v.load()) > LOAD_STEP || a.activeTasks() != v.activeTasks())) {
                loadsToShow.put(a, v);
            }
        }
    }

    private void onFlow(MessageFlow.Sample sample) {
        long now = clock.getAsLong();
        for (MessageFlow.EdgeCount count : sample.edges()) {
            MessageFlow.Edge edge = count.edge();
            light(edge.from(), edge.priority(), now);
            light(edge.to(), edge.priority(), now);
        }
        rateMessages += sample.messages();
    }

    private void light(String agentId, Priority priority, long now) {
        AgentItem a = byId.get(agentId);
        if (a != null && a.index() >= 0) {
            pulses.pulse(a.index(), priority, now);
        }
    }

    // --- derived state ------------------------------------------------------------------------------------

    private void layout() {
        TopologyLayout.Result result = TopologyLayout.compute(grouping.groups(byId.values()));
        for (AgentItem a : byId.values()) {
            TopologyLayout.Position p = result.positions().get(a.id());
            a.moveTo(p.x(), p.y());
        }
        sectors.setAll(result.sectors());
        viewport.extentChanged(result.extent());
        layoutVersion.set(layoutVersion.get() + 1);
    }

    private void showSelected(Selection.Target target) {
        AgentItem now = target != null && target.kind() == Selection.Target.Kind.AGENT ? byId.get(target.id()) : null;
        AgentItem was = selected.get();
        if (was != now) {
            if (was != null) {
                was.selected(false);
            }
            if (now != null) {
                now.selected(true);
            }
            selected.set(now);
        }
        refreshSummary();
    }

    private void refreshSummary() {
        AgentItem a = selected.get();
        selectedSummary.set(a == null ? "" : a.describe());
    }

    private Optional<AgentItem> find(String agentId) {
        return Optional.ofNullable(byId.get(agentId));
    }

    // --- what the view calls ------------------------------------------------------------------------------

    /** Selects an agent for the whole room (the trace panel follows). */
    public void select(String agentId) {
        context.selection().select(Selection.Target.agent(agentId));
    }

    /**
     * Once per frame: shows some of the loads last read, and keeps the message rate at the orchestrator
     * current. A read changes every agent's load at once; showing them all in one frame would redraw a
     * thousand nodes in it.
     */
    void advance(long now) {
        var queued = loadsToShow.entrySet().iterator();
        for (int i = 0; i < LOADS_PER_FRAME && queued.hasNext(); i++) {
            var next = queued.next();
            next.getKey().load(next.getValue().load(), next.getValue().activeTasks());
            queued.remove();
            if (next.getKey() == selected.get()) {
                refreshSummary();
            }
        }
        if (rateSince == Long.MIN_VALUE) {
            rateSince = now;
        } else if (now - rateSince >= RATE_WINDOW_NANOS) {
            messageRate.set(Math.round(rateMessages * 1e9 / (now - rateSince)));
            rateMessages = 0;
            rateSince = now;
        }
    }

    FlowPulses pulses() {
        return pulses;
    }

    public Viewport viewport() {
        return viewport;
    }

    public TopologySearch search() {
        return search;
    }

    public TopologyGrouping grouping() {
        return grouping;
    }

    /** The agents in index order: {@code agents().get(i).index() == i}. */
    public ObservableList<AgentItem> agents() {
        return agentsView;
    }

    ObservableList<TopologyLayout.Sector> sectors() {
        return sectorsView;
    }

    public ObservableList<OpenConflicts.Link> conflictLinks() {
        return conflicts.links();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty selectedSummaryProperty() {
        return selectedSummary.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<AgentItem> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** Messages per second through the orchestrator, over the last second. */
    public ReadOnlyLongProperty messageRateProperty() {
        return messageRate.getReadOnlyProperty();
    }

    /** Counts layouts: the view redraws its spokes when agents have moved. */
    public ReadOnlyLongProperty layoutVersionProperty() {
        return layoutVersion.getReadOnlyProperty();
    }

    public Command zoomIn() {
        return zoomIn;
    }

    public Command zoomOut() {
        return zoomOut;
    }

    public Command fit() {
        return fit;
    }
}
