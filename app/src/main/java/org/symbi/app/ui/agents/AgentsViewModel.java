package org.symbi.app.ui.agents;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.symbi.app.ui.RoomContext;
import org.symbi.app.ui.kit.Command;
import org.symbi.app.ui.kit.Selection;
import org.symbi.kernel.events.KernelEvent;
import org.symbi.kernel.registry.AgentView;
import org.symbi.kernel.supervisor.AgentTemplate;
import org.symbi.kernel.supervisor.LocalAgentView;
import org.symbi.kernel.supervisor.LocalAgents;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Every agent the room knows (registered ones and the local processes it runs), kept current by the kernel's
 * agent events and a periodic read; the selected agent; and the commands on local agents: start one from a
 * template, stop one, restart one.
 */
public final class AgentsViewModel {
    /** Heartbeat times change without events; this keeps them fresh. */
    static final Duration RELOAD_EVERY = Duration.ofSeconds(2);

    private final RoomContext context;
    private final ObservableList<AgentRow> agents = FXCollections.observableArrayList();
    private final ObservableList<AgentTemplate> templates = FXCollections.observableArrayList();
    private final ObjectProperty<AgentTemplate> template = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<AgentRow> selected = new ReadOnlyObjectWrapper<>();
    private final SimpleBooleanProperty busy = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper info = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final Command start;
    private final Command stop;
    private final Command restart;
    private String selectedId;

    public AgentsViewModel(RoomContext context) {
        this.context = context;
        start = Command.of(this::start, template.isNotNull().and(busy.not()));
        stop = Command.of(this::stop, selectedLocal(AgentRow::canStop));
        restart = Command.of(this::restart, selectedLocal(AgentRow::isLocal));
        context.feed().on(this::onEvents, KernelEvent.AgentRegistered.class, KernelEvent.AgentStatusChanged.class,
                KernelEvent.AgentLoadChanged.class, KernelEvent.LocalAgentRestarted.class,
                KernelEvent.LocalAgentFailed.class);
        context.feed().every(RELOAD_EVERY, this::read, this::apply);
        context.feed().onResync(this::reload);
        context.selection().selectedProperty().addListener((obs, was, target) -> {
            if (target != null && target.kind() == Selection.Target.Kind.AGENT) {
                follow(target.id());
            }
        });
    }

    private BooleanBinding selectedLocal(Predicate<AgentRow> test) {
        return Bindings.createBooleanBinding(() -> !busy.get() && selected.get() != null && test.test(selected.get()),
                selected, busy);
    }

    // --- reading --------------------------------------------------------------------------------------

    record Snapshot(List<AgentRow> rows, List<AgentTemplate> templates) {
    }

    /** The registry and the supervisor, merged by agent id; runs in the background. */
    private Snapshot read() {
        LocalAgents local = context.room().localAgents();
        Map<String, AgentView> registered = new TreeMap<>();
        context.kernel().registry().all().forEach(v -> registered.put(v.agentId(), v));
        Map<String, LocalAgentView> processes = new TreeMap<>();
        local.list().forEach(v -> processes.put(v.agentId(), v));
        TreeMap<String, AgentRow> rows = new TreeMap<>();
        for (String id : union(registered.keySet(), processes.keySet())) {
            LocalAgentView process = processes.get(id);
            rows.put(id, new AgentRow(id, registered.get(id), process,
                    process == null ? null : local.templates().find(process.templateId()).orElse(null),
                    process == null ? null : local.logFile(id)));
        }
        List<AgentTemplate> known = local.templates().all().stream()
                .sorted(Comparator.comparing(AgentTemplate::id)).toList();
        return new Snapshot(List.copyOf(rows.values()), known);
    }

    private static SortedSet<String> union(Set<String> a, Set<String> b) {
        SortedSet<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    /** Reads the whole picture again, now. */
    public void reload() {
        context.feed().submit(this::read, this::apply, t -> error.set("Cannot read the agents: " + t.getMessage()));
    }

    /** Replaces only the rows that changed, so the table keeps its scroll position and selection. */
    private void apply(Snapshot s) {
        List<AgentRow> rows = s.rows();
        for (int i = 0; i < rows.size(); i++) {
            if (i >= agents.size()) {
                agents.add(rows.get(i));
            } else if (!agents.get(i).equals(rows.get(i))) {
                agents.set(i, rows.get(i));
            }
        }
        if (agents.size() > rows.size()) {
            agents.remove(rows.size(), agents.size());
        }
        if (!templates.equals(s.templates())) {
            templates.setAll(s.templates());
        }
        if (template.get() == null && !templates.isEmpty()) {
            template.set(templates.getFirst());
        }
        refreshSelected();
    }

    private void onEvents(List<KernelEvent> batch) {
        boolean readAll = false;
        for (KernelEvent e : batch) {
            readAll |= switch (e) {
                case KernelEvent.AgentStatusChanged s -> !update(s.agentId(), r -> r.withStatus(s.to()));
                case KernelEvent.AgentLoadChanged l -> !update(l.agentId(), r -> r.withLoad(l.load(), l.activeTasks()));
                // a new card, or a local process that changed: read the whole row again
                default -> true;
            };
        }
        if (readAll) {
            reload();
        }
    }

    /** Changes a registered agent's row in place; false when there is no such row yet. */
    private boolean update(String agentId, UnaryOperator<AgentRow> change) {
        for (int i = 0; i < agents.size(); i++) {
            AgentRow row = agents.get(i);
            if (row.agentId().equals(agentId) && row.isRegistered()) {
                agents.set(i, change.apply(row));
                refreshSelected();
                return true;
            }
        }
        return false;
    }

    // --- selection ------------------------------------------------------------------------------------

    /** The person picked an agent here: the rest of the room (the trace panel) follows. */
    public void select(String agentId) {
        if (agentId == null || agentId.equals(selectedId)) {
            return;
        }
        follow(agentId);
        context.selection().select(Selection.Target.agent(agentId));
    }

    private void follow(String agentId) {
        selectedId = agentId;
        refreshSelected();
    }

    private void refreshSelected() {
        AgentRow row = selectedId == null ? null
                : agents.stream().filter(r -> r.agentId().equals(selectedId)).findFirst().orElse(null);
        if (!Objects.equals(row, selected.get())) {
            selected.set(row);
        }
    }

    // --- commands -------------------------------------------------------------------------------------

    private void start() {
        AgentTemplate t = template.get();
        run(() -> context.room().localAgents().start(t.id()), started -> {
            select(started.agentId());
            return "Started " + started.agentId() + " from " + t.name() + "; its output goes to "
                    + context.room().localAgents().logFile(started.agentId()) + ".";
        });
    }

    private void stop() {
        String id = selected.get().agentId();
        run(() -> context.room().localAgents().stop(id), stopped -> "Stopped " + id
                + (stopped.lastExit() == null ? "." : " (exit status " + stopped.lastExit() + ")."));
    }

    /** The supervisor starts agents under fresh ids, so a restart is a stop and a new agent from the template. */
    private void restart() {
        AgentRow row = selected.get();
        String id = row.agentId();
        String templateId = row.local().templateId();
        run(() -> {
            LocalAgents local = context.room().localAgents();
            local.stop(id);
            return local.start(templateId);
        }, started -> {
            select(started.agentId());
            return "Stopped " + id + " and started " + started.agentId() + " from the same template.";
        });
    }

    /** Runs a command in the background, one at a time; says what it did or why it failed, then reads again. */
    private <T> void run(Callable<T> work, Function<T, String> done) {
        busy.set(true);
        error.set("");
        info.set("");
        context.feed().submit(work, result -> {
            busy.set(false);
            info.set(done.apply(result));
            reload();
        }, t -> {
            busy.set(false);
            error.set(t.getMessage() == null ? t.toString() : t.getMessage());
            reload();
        });
    }

    // --- properties -----------------------------------------------------------------------------------

    public ObservableList<AgentRow> agents() {
        return agents;
    }

    public ReadOnlyObjectProperty<AgentRow> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public ObservableList<AgentTemplate> templates() {
        return templates;
    }

    /** The template the next start uses. */
    public ObjectProperty<AgentTemplate> templateProperty() {
        return template;
    }

    public Command startCommand() {
        return start;
    }

    public Command stopCommand() {
        return stop;
    }

    public Command restartCommand() {
        return restart;
    }

    public ReadOnlyStringProperty infoProperty() {
        return info.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
