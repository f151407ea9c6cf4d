package org.symbi.app.ui.tasks;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.symbi.app.ui.kit.Command;
import org.symbi.app.ui.kit.RoomFeed;
import org.symbi.app.ui.kit.Selection;
import org.symbi.kernel.events.KernelEvent;
import org.symbi.kernel.task.TaskManager;
import org.symbi.kernel.task.TaskView;
import org.symbi.kernel.task.WorkflowView;
import org.symbi.protocol.TaskStatus;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Workflows and the tasks of none, and for the chosen one its task graph in dependency layers with each
 * task's status and the progress; cancel and retry for the chosen task. Status changes arrive live from the
 * kernel's events; a periodic read brings new tasks and keeps everything honest.
 */
public final class TasksViewModel {
    static final Duration RELOAD_PERIOD = Duration.ofSeconds(5);
    /** Tasks read for the list, oldest first; a room with more shows the workflows of the first ones. */
    static final int TASK_LIMIT = 10_000;
    /** Status changes kept to lay over a read that started before they happened. */
    private static final int RECENT_EVENTS = 2_000;
    private static final Set<TaskStatus> ENDED = EnumSet.of(TaskStatus.COMPLETED, TaskStatus.FAILED,
            TaskStatus.CANCELLED, TaskStatus.TIMED_OUT);
    private static final Set<TaskStatus> RETRYABLE = EnumSet.of(TaskStatus.FAILED, TaskStatus.CANCELLED,
            TaskStatus.TIMED_OUT, TaskStatus.BLOCKED);

    private final RoomFeed feed;
    private final TaskManager tasks;
    private final Selection selection;
    /** Workflow titles never change, so each is read once (on the background thread). */
    private final Map<String, String> titles = new ConcurrentHashMap<>();
    private final ArrayDeque<KernelEvent.TaskStateChanged> recent = new ArrayDeque<>();
    private Set<String> knownTasks = Set.of();
    private Map<Optional<String>, List<TaskView>> groups = Map.of();
    private boolean reading;
    private boolean readAgain;

    private final ObservableList<WorkflowEntry> workflows = FXCollections.observableArrayList();
    private final ObservableList<WorkflowEntry> workflowsView = FXCollections.unmodifiableObservableList(workflows);
    private final ReadOnlyBooleanWrapper truncated = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<WorkflowEntry> selectedWorkflow = new ReadOnlyObjectWrapper<>();
    private final ObservableList<TaskNode> nodes = FXCollections.observableArrayList();
    private final ObservableList<TaskNode> nodesView = FXCollections.unmodifiableObservableList(nodes);
    private final ReadOnlyIntegerWrapper completed = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper total = new ReadOnlyIntegerWrapper();
    private final ReadOnlyObjectWrapper<TaskNode> selectedTask = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final SimpleBooleanProperty busy = new SimpleBooleanProperty();
    private final Command cancel;
    private final Command retry;

    /** What one read saw: every task (up to the limit), oldest first. */
    private record Snapshot(List<TaskView> tasks) {
    }

    public TasksViewModel(RoomFeed feed, TaskManager tasks, Selection selection) {
        this.feed = feed;
        this.tasks = tasks;
        this.selection = selection;
        cancel = Command.of(this::cancelSelected, selectedTaskIs(s -> !ENDED.contains(s)));
        retry = Command.of(this::retrySelected, selectedTaskIs(RETRYABLE::contains));
        feed.every(RELOAD_PERIOD, this::read, this::apply);
        feed.on(KernelEvent.TaskStateChanged.class, this::changed);
        feed.onResync(this::reload);
    }

    private BooleanBinding selectedTaskIs(Predicate<TaskStatus> allowed) {
        return Bindings.createBooleanBinding(() -> !busy.get() && selectedTask.get() != null
                && allowed.test(selectedTask.get().status()), busy, selectedTask);
    }

    // --- reads ------------------------------------------------------------------------------------------

    private Snapshot read() {
        List<TaskView> all = tasks.list(null, null, TASK_LIMIT);
        for (TaskView t : all) {
            if (t.workflowId() != null && !titles.containsKey(t.workflowId())) {
                titles.put(t.workflowId(), tasks.workflow(t.workflowId()).map(WorkflowView::title).orElse(""));
            }
        }
        return new Snapshot(all);
    }

    /** Reads again soon; while a read is under way, once more after it. */
    private void reload() {
        if (reading) {
            readAgain = true;
            return;
        }
        reading = true;
        feed.submit(this::read, snapshot -> {
            reading = false;
            apply(snapshot);
            if (readAgain) {
                readAgain = false;
                reload();
            }
        }, failure -> {
            reading = false;
            message.set("Could not read the tasks: " + failure.getMessage());
        });
    }

    private void apply(Snapshot snapshot) {
        Map<Optional<String>, List<TaskView>> byGroup = new LinkedHashMap<>();
        List<TaskView> standalone = new ArrayList<>();
        for (TaskView t : snapshot.tasks()) {
            if (t.workflowId() == null) {
                standalone.add(t);
            } else {
                byGroup.computeIfAbsent(Optional.of(t.workflowId()), k -> new ArrayList<>()).add(t);
            }
        }
        List<WorkflowEntry> entries = new ArrayList<>();
        byGroup.forEach((key, members) -> entries.add(entry(key.orElseThrow(), titles.getOrDefault(
                key.orElseThrow(), ""), members)));
        Collections.reverse(entries);
        if (!standalone.isEmpty()) {
            byGroup.put(Optional.empty(), standalone);
            entries.add(entry(null, "Tasks of no workflow", standalone));
        }
        groups = byGroup;
        knownTasks = snapshot.tasks().stream().map(TaskView::taskId).collect(Collectors.toSet());
        truncated.set(snapshot.tasks().size() >= TASK_LIMIT);
        if (!workflows.equals(entries)) {
            workflows.setAll(entries);
        }
        WorkflowEntry chosen = selectedWorkflow.get();
        Optional<String> key = chosen != null ? chosen.key() : entries.isEmpty() ? null : entries.getFirst().key();
        showGroup(key);
    }

    private static WorkflowEntry entry(String workflowId, String title, List<TaskView> members) {
        int done = (int) members.stream().filter(t -> t.status() == TaskStatus.COMPLETED).count();
        return new WorkflowEntry(workflowId, title, done, members.size());
    }

    /** Shows one group's graph from the last read, with the status changes that came in since laid over it. */
    private void showGroup(Optional<String> key) {
        if (key == null) {
            return;
        }
        List<TaskNode> laid = new ArrayList<>(TaskLayers.layout(groups.getOrDefault(key, List.of())));
        Map<String, Integer> index = indexById(laid);
        for (KernelEvent.TaskStateChanged e : recent) {
            overlay(laid, index, e);
        }
        if (!nodes.equals(laid)) {
            nodes.setAll(laid);
        }
        workflows.stream().filter(w -> w.key().equals(key)).findFirst().ifPresent(selectedWorkflow::set);
        updateProgress();
        TaskNode chosen = selectedTask.get();
        selectedTask.set(chosen == null ? null : laid.stream().filter(n -> n.taskId().equals(chosen.taskId()))
                .findFirst().orElse(null));
    }

    private static Map<String, Integer> indexById(List<TaskNode> list) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            index.put(list.get(i).taskId(), i);
        }
        return index;
    }

    /** Applies a status change to its node if it is newer than what the node shows. */
    private static boolean overlay(List<TaskNode> list, Map<String, Integer> index, KernelEvent.TaskStateChanged e) {
        Integer i = index.get(e.taskId());
        if (i == null) {
            return false;
        }
        TaskNode n = list.get(i);
        if (e.at().isBefore(n.updatedAt()) || n.status() == e.to() && n.updatedAt().equals(e.at())) {
            return false;
        }
        list.set(i, n.withState(e.to(), e.agentId(), e.detail(), e.at()));
        return true;
    }

    private void changed(List<KernelEvent.TaskStateChanged> batch) {
        Map<String, Integer> index = indexById(nodes);
        boolean unknown = false;
        for (KernelEvent.TaskStateChanged e : batch) {
            recent.addLast(e);
            if (recent.size() > RECENT_EVENTS) {
                recent.removeFirst();
            }
            unknown |= !knownTasks.contains(e.taskId());
            overlay(nodes, index, e);
        }
        updateProgress();
        if (unknown) {
            reload();
        }
    }

    /** The progress of the graph shown, and its line in the list, from its nodes. */
    private void updateProgress() {
        int done = (int) nodes.stream().filter(n -> n.status() == TaskStatus.COMPLETED).count();
        completed.set(done);
        total.set(nodes.size());
        TaskNode chosen = selectedTask.get();
        if (chosen != null) {
            nodes.stream().filter(n -> n.taskId().equals(chosen.taskId())).findFirst().ifPresent(selectedTask::set);
        }
        WorkflowEntry shown = selectedWorkflow.get();
        if (shown != null && (shown.completed() != done || shown.total() != nodes.size())) {
            WorkflowEntry fresh = new WorkflowEntry(shown.workflowId(), shown.title(), done, nodes.size());
            int i = workflows.indexOf(shown);
            if (i >= 0) {
                workflows.set(i, fresh);
            }
            selectedWorkflow.set(fresh);
        }
    }

    // --- what a person does -----------------------------------------------------------------------------

    /** Shows a workflow's graph (or that of the tasks of no workflow). */
    public void showWorkflow(WorkflowEntry entry) {
        if (entry == null || selectedWorkflow.get() != null && selectedWorkflow.get().key().equals(entry.key())) {
            return;
        }
        selectedWorkflow.set(entry);
        selectedTask.set(null);
        showGroup(entry.key());
    }

    /** Chooses a task: its details and commands show, and the room (the trace panel) follows it. */
    public void selectTask(TaskNode node) {
        selectedTask.set(node);
        if (node != null) {
            selection.select(Selection.Target.task(node.taskId()));
        }
    }

    private void cancelSelected() {
        TaskNode task = selectedTask.get();
        act(() -> tasks.cancel(task.taskId()), "Cancelled “" + task.name() + "”", "cancel “" + task.name() + "”");
    }

    private void retrySelected() {
        TaskNode task = selectedTask.get();
        act(() -> tasks.retry(task.taskId()), "“" + task.name() + "” will run again",
                "retry “" + task.name() + "”");
    }

    /** Runs a command in the background; a refusal is shown with the kernel's reason, nothing else changes. */
    private void act(Callable<TaskView> command, String done, String what) {
        busy.set(true);
        message.set("");
        feed.submit(command, result -> {
            busy.set(false);
            message.set(done + " (now " + result.status().wire().replace('_', ' ') + ")");
            reload();
        }, failure -> {
            busy.set(false);
            message.set("Could not " + what + ": " + failure.getMessage());
            reload();
        });
    }

    // --- properties -------------------------------------------------------------------------------------

    /** Workflows, newest first, then the tasks of no workflow. */
    public ObservableList<WorkflowEntry> workflows() {
        return workflowsView;
    }

    /** Whether the room has more tasks than the list reads (the newest are then missing from it). */
    public ReadOnlyBooleanProperty truncatedProperty() {
        return truncated.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<WorkflowEntry> selectedWorkflowProperty() {
        return selectedWorkflow.getReadOnlyProperty();
    }

    /** The chosen workflow's tasks as a graph, in creation order. */
    public ObservableList<TaskNode> nodes() {
        return nodesView;
    }

    public ReadOnlyIntegerProperty completedProperty() {
        return completed.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<TaskNode> selectedTaskProperty() {
        return selectedTask.getReadOnlyProperty();
    }

    public Command cancelCommand() {
        return cancel;
    }

    public Command retryCommand() {
        return retry;
    }

    /** What became of the last command, or why the kernel refused it. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
