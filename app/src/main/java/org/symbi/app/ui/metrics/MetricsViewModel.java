package org.symbi.app.ui.metrics;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.symbi.app.ui.RoomContext;
import org.symbi.app.ui.kit.RoomFeed;
import org.symbi.app.ui.kit.Selection;
import org.symbi.kernel.metrics.MetricPoint;
import org.symbi.kernel.metrics.MetricsCollector;
import org.symbi.kernel.metrics.ModelUsage;
import org.symbi.protocol.AgentMetrics;
import org.symbi.protocol.SystemMetrics;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The metrics view's state: charts of the system's metrics and of one agent's over the chosen window, their
 * current values as tiles, and each agent's model usage. When the window or the agent changes, the stored
 * per-minute history is loaded in the background; a live sample every {@link #SAMPLE_PERIOD} then extends
 * the lines and refreshes the tiles and the model usage. Formulas: docs/metrics.md.
 */
public final class MetricsViewModel {
    static final Duration SAMPLE_PERIOD = Duration.ofSeconds(2);

    /** The current values, read together in the background. */
    record Current(Instant at, SystemMetrics system, List<AgentMetrics> agents, Map<String, ModelUsage> modelUsage) {
        AgentMetrics agent(String agentId) {
            return agents.stream().filter(a -> a.agentId().equals(agentId)).findFirst().orElse(null);
        }
    }

    /** The stored points of some metrics of one subject, read at {@code now}. */
    private record History(Instant now, Map<String, List<ChartPoint>> byMetric) {
    }

    private final MetricsCollector metrics;
    private final InstantSource clock;
    private final RoomFeed feed;
    private final Selection selection;
    private final ObjectProperty<TimeWindow> window = new SimpleObjectProperty<>(TimeWindow.LAST_15_MINUTES);
    private final ObjectProperty<String> agent = new SimpleObjectProperty<>();
    private final ObservableList<String> agents = FXCollections.observableArrayList();
    private final ObservableList<String> agentsShown = FXCollections.unmodifiableObservableList(agents);
    private final ObservableList<ModelUsageRow> modelUsage = FXCollections.observableArrayList();
    private final ObservableList<ModelUsageRow> modelUsageShown = FXCollections.unmodifiableObservableList(modelUsage);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final List<MetricChart<SystemMetrics>> systemCharts = List.of(
            new MetricChart<>("throughput", "Message throughput (messages/s)", null, List.of(
                    new MetricSeries<>("message_throughput", "Messages/s", SystemMetrics::messageThroughput))),
            new MetricChart<>("agents", "Agents", null, List.of(
                    new MetricSeries<>("online_agents", "Online", SystemMetrics::onlineAgents),
                    new MetricSeries<>("total_agents", "Registered", SystemMetrics::totalAgents))),
            new MetricChart<>("health", "System health (0 healthy, 1 degraded, 2 critical)", 2.0, List.of(
                    new MetricSeries<>("system_health", "Health", s -> s.systemHealth().ordinal()))),
            new MetricChart<>("conflicts", "Conflict resolution rate", 1.0, List.of(
                    new MetricSeries<>("conflict_resolution_rate", "Resolved / opened",
                            SystemMetrics::conflictResolutionRate))));
    private final List<MetricChart<AgentMetrics>> agentCharts = List.of(
            new MetricChart<>("scores", "Success, trust, collaboration and load (0 to 1)", 1.0, List.of(
                    new MetricSeries<>("success_rate", "Success rate", AgentMetrics::successRate),
                    new MetricSeries<>("trust_score", "Trust", AgentMetrics::trustScore),
                    new MetricSeries<>("collaboration_score", "Collaboration", AgentMetrics::collaborationScore),
                    new MetricSeries<>("load", "Load", AgentMetrics::load))),
            new MetricChart<>("response", "Average response time (ms)", null, List.of(
                    new MetricSeries<>("average_response_time_ms", "Response time",
                            AgentMetrics::averageResponseTimeMs))),
            new MetricChart<>("tasks", "Tasks since the room started", null, List.of(
                    new MetricSeries<>("tasks_completed", "Completed", AgentMetrics::tasksCompleted),
                    new MetricSeries<>("tasks_failed", "Failed attempts", AgentMetrics::tasksFailed))));
    private final List<MetricTile<SystemMetrics>> systemTiles = List.of(
            new MetricTile<>("Agents online", s -> s.onlineAgents() + " / " + s.totalAgents()),
            new MetricTile<>("Throughput", s -> String.format(Locale.ROOT, "%.1f msg/s", s.messageThroughput())),
            new MetricTile<>("System health", s -> capitalised(s.systemHealth().name())),
            new MetricTile<>("Active collaborations", s -> Integer.toString(s.activeCollaborations())),
            new MetricTile<>("Conflicts resolved", s -> percent(s.conflictResolutionRate())));
    private final List<MetricTile<AgentMetrics>> agentTiles = List.of(
            new MetricTile<>("Completed", a -> Long.toString(a.tasksCompleted())),
            new MetricTile<>("Failed attempts", a -> Long.toString(a.tasksFailed())),
            new MetricTile<>("Success rate", a -> percent(a.successRate())),
            new MetricTile<>("Average response", a -> duration(a.averageResponseTimeMs())),
            new MetricTile<>("Load", a -> percent(a.load())),
            new MetricTile<>("Trust", a -> String.format(Locale.ROOT, "%.2f", a.trustScore())),
            new MetricTile<>("Collaboration", a -> String.format(Locale.ROOT, "%.2f", a.collaborationScore())));
    private Current last;
    private long systemLoads;
    private long agentLoads;

    public MetricsViewModel(RoomContext context) {
        this.metrics = context.kernel().metrics();
        this.clock = context.kernel().clock();
        this.feed = context.feed();
        this.selection = context.selection();
        window.addListener((obs, was, now) -> {
            loadSystemHistory();
            loadAgentHistory();
        });
        agent.addListener((obs, was, id) -> agentChosen(id));
        selection.selectedProperty().addListener((obs, was, target) -> follow(target));
        follow(selection.selected());
        loadSystemHistory();
        feed.every(SAMPLE_PERIOD,
                () -> new Current(clock.instant(), metrics.systemMetrics(), metrics.allAgentMetrics(),
                        metrics.modelUsageByAgent()), this::show);
    }

    /** The person chose an agent elsewhere (the topology, the agent list): show its metrics here too. */
    private void follow(Selection.Target target) {
        if (target != null && target.kind() == Selection.Target.Kind.AGENT) {
            agent.set(target.id());
        }
    }

    private void agentChosen(String id) {
        seriesOf(agentCharts).forEach(MetricSeries::clear);
        AgentMetrics current = last == null || id == null ? null : last.agent(id);
        agentTiles.forEach(t -> t.show(current));
        if (id != null) {
            selection.select(Selection.Target.agent(id));
            loadAgentHistory();
        }
    }

    private void show(Current current) {
        last = current;
        List<String> ids = current.agents().stream().map(AgentMetrics::agentId).toList();
        if (!ids.equals(agents)) {
            agents.setAll(ids);
        }
        List<ModelUsageRow> usage = current.modelUsage().entrySet().stream()
                .map(e -> new ModelUsageRow(e.getKey(), e.getValue())).toList();
        if (!usage.equals(modelUsage)) {
            modelUsage.setAll(usage);
        }
        systemTiles.forEach(t -> t.show(current.system()));
        seriesOf(systemCharts).forEach(s -> s.sample(current.system(), current.at(), window.get()));
        AgentMetrics chosen = agent.get() == null ? null : current.agent(agent.get());
        agentTiles.forEach(t -> t.show(chosen));
        if (chosen != null) {
            seriesOf(agentCharts).forEach(s -> s.sample(chosen, current.at(), window.get()));
        }
    }

    private void loadSystemHistory() {
        long load = ++systemLoads;
        loadHistory(MetricsCollector.SYSTEM, systemCharts, () -> load == systemLoads);
    }

    private void loadAgentHistory() {
        long load = ++agentLoads;
        String id = agent.get();
        if (id != null) {
            loadHistory(id, agentCharts, () -> load == agentLoads);
        }
    }

    /** Reads the window's history in the background; a load overtaken by a newer one is not shown. */
    private <T> void loadHistory(String subject, List<MetricChart<T>> charts, BooleanSupplier stillWanted) {
        TimeWindow w = window.get();
        List<MetricSeries<T>> series = seriesOf(charts);
        List<String> names = series.stream().map(MetricSeries::metric).toList();
        feed.submit(() -> readHistory(subject, names, w), history -> {
            if (stillWanted.getAsBoolean()) {
                series.forEach(s -> s.showHistory(history.byMetric().get(s.metric()), history.now(), w));
                problem.set("");
            }
        }, failure -> problem.set("The stored history could not be read: " + failure.getMessage()));
    }

    private History readHistory(String subject, List<String> names, TimeWindow w) {
        Instant now = clock.instant();
        Instant from = now.minus(w.length());
        Map<String, List<ChartPoint>> byMetric = new HashMap<>();
        for (String name : names) {
            // The current minute's row starts before now; the bound is exclusive, so reach just past now.
            List<MetricPoint> stored = metrics.history(subject, name, from, now.plusMillis(1));
            byMetric.put(name, stored.stream().map(p -> new ChartPoint(p.bucketStart(), p.value())).toList());
        }
        return new History(now, byMetric);
    }

    private static <T> List<MetricSeries<T>> seriesOf(List<MetricChart<T>> charts) {
        return charts.stream().flatMap(c -> c.series().stream()).toList();
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f %%", share * 100);
    }

    static String duration(double millis) {
        return millis < 1_000 ? String.format(Locale.ROOT, "%.0f ms", millis)
                : String.format(Locale.ROOT, "%.1f s", millis / 1_000);
    }

    private static String capitalised(String constant) {
        return constant.charAt(0) + constant.substring(1).toLowerCase(Locale.ROOT);
    }

    public ObjectProperty<TimeWindow> windowProperty() {
        return window;
    }

    /** The agent whose metrics the per-agent panel shows; choosing one also selects it across the room. */
    public ObjectProperty<String> agentProperty() {
        return agent;
    }

    /** Every registered agent, as the collector lists them. */
    public ObservableList<String> agents() {
        return agentsShown;
    }

    /** Each agent's model calls since the room's database was created, by agent id (docs/metrics.md). */
    public ObservableList<ModelUsageRow> modelUsage() {
        return modelUsageShown;
    }

    /** Why the history is missing, or empty. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public List<MetricChart<SystemMetrics>> systemCharts() {
        return systemCharts;
    }

    public List<MetricChart<AgentMetrics>> agentCharts() {
        return agentCharts;
    }

    public List<MetricTile<SystemMetrics>> systemTiles() {
        return systemTiles;
    }

    public List<MetricTile<AgentMetrics>> agentTiles() {
        return agentTiles;
    }
}
