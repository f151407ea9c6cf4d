package org.symbi.app.ui.trace;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.symbi.app.ui.RoomContext;
import org.symbi.app.ui.kit.Command;
import org.symbi.app.ui.kit.RoomFeed;
import org.symbi.app.ui.kit.Selection.Target;
import org.symbi.kernel.events.KernelEvent;
import org.symbi.kernel.trace.StoredTrace;
import org.symbi.kernel.trace.TraceStore;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The reasoning trace of whatever is selected (an agent or a task): its stored steps, read in the background
 * when the selection changes, then new steps as the kernel records them. A search filters the steps; copy
 * commands put a step or the whole trace on the clipboard.
 */
public final class TracePanelViewModel {
    /** How many of an agent's latest steps are read when it is selected. */
    static final int AGENT_STEPS = 500;
    /** Most steps kept while new ones arrive; the oldest go first. */
    static final int MAX_STEPS = TraceStore.MAX_ROWS;
    static final String HOW_TO_SELECT = "Select an agent on the topology or a task in the task list to see its"
            + " reasoning trace here.";

    private final RoomFeed feed;
    private final TraceStore traces;
    private final ObservableList<TraceStepItem> steps = FXCollections.observableArrayList();
    private final FilteredList<TraceStepItem> shown = new FilteredList<>(steps);
    private final StringProperty query = new SimpleStringProperty("");
    private final ObjectProperty<TraceStepItem> selectedStep = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<Target> subject = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("Reasoning trace");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(HOW_TO_SELECT);
    private final Command copyStep;
    private final Command copyTrace;
    /** Steps heard while the stored ones are being read; null when not reading. */
    private List<TraceStepItem> heardWhileLoading;
    private String loadFailure;
    private long loads;

    /** @param clipboard where copied text goes (the system clipboard in the room, a list in tests) */
    public TracePanelViewModel(RoomContext context, Consumer<String> clipboard) {
        this.feed = context.feed();
        this.traces = context.kernel().traces();
        copyStep = Command.of(() -> clipboard.accept(selectedStep.get().copyText()), selectedStep.isNotNull());
        copyTrace = Command.of(() -> clipboard.accept(steps.stream().map(TraceStepItem::copyText)
                .collect(Collectors.joining("\n\n"))), Bindings.isNotEmpty(steps));
        query.addListener((obs, was, q) -> {
            shown.setPredicate(q == null || q.isBlank() ? null : item -> item.matches(q));
            updateStatus();
        });
        feed.on(KernelEvent.TraceRecorded.class, this::heard);
        feed.onResync(() -> load(subject.get()));
        context.selection().selectedProperty().addListener((obs, was, target) -> load(target));
        load(context.selection().selected());
    }

    private void load(Target target) {
        long load = ++loads;
        subject.set(target);
        selectedStep.set(null);
        steps.clear();
        loadFailure = null;
        if (target == null) {
            heardWhileLoading = null;
            title.set("Reasoning trace");
            updateStatus();
            return;
        }
        title.set((target.kind() == Target.Kind.AGENT ? "Trace of agent " : "Trace of task ") + target.id());
        heardWhileLoading = new ArrayList<>();
        updateStatus();
        feed.submit(() -> read(target), stored -> {
            if (load == loads) {
                loaded(stored.stream().map(TraceStepItem::of).toList());
            }
        }, failure -> {
            if (load == loads) {
                loadFailure = failure.getMessage();
                loaded(List.of());
            }
        });
    }

    private List<StoredTrace> read(Target target) {
        if (target.kind() == Target.Kind.TASK) {
            return traces.forTask(target.id());
        }
        return traces.forAgent(target.id(), AGENT_STEPS).reversed();
    }

    /** The stored steps are in: they come first, then what was heard meanwhile and is not among them. */
    private void loaded(List<TraceStepItem> stored) {
        List<TraceStepItem> all = new ArrayList<>(stored);
        for (TraceStepItem heard : heardWhileLoading) {
            if (stored.stream().noneMatch(heard::sameStepAs)) {
                all.add(heard);
            }
        }
        heardWhileLoading = null;
        steps.setAll(all);
        updateStatus();
    }

    private void heard(List<KernelEvent.TraceRecorded> batch) {
        Target target = subject.get();
        if (target == null) {
            return;
        }
        List<TraceStepItem> mine = new ArrayList<>();
        for (KernelEvent.TraceRecorded e : batch) {
            boolean belongs = target.kind() == Target.Kind.AGENT ? target.id().equals(e.agentId())
                    : target.id().equals(e.step().taskId());
            if (belongs) {
                mine.add(TraceStepItem.of(e.agentId(), e.at(), e.step()));
            }
        }
        if (mine.isEmpty()) {
            return;
        }
        if (heardWhileLoading != null) {
            heardWhileLoading.addAll(mine);
            return;
        }
        steps.addAll(mine);
        if (steps.size() > MAX_STEPS) {
            steps.remove(0, steps.size() - MAX_STEPS);
        }
        updateStatus();
    }

    private void updateStatus() {
        Target target = subject.get();
        String q = query.get() == null ? "" : query.get().strip();
        if (target == null) {
            status.set(HOW_TO_SELECT);
        } else if (heardWhileLoading != null) {
            status.set("Reading the trace…");
        } else if (loadFailure != null) {
            status.set("The trace could not be read: " + loadFailure);
        } else if (steps.isEmpty()) {
            status.set(target.kind() == Target.Kind.AGENT
                    ? "Agent " + target.id() + " has reported no trace steps yet; new ones appear here as they arrive."
                    : "Task " + target.id() + " has no trace steps yet; new ones appear here as they arrive.");
        } else if (!q.isEmpty()) {
            status.set(shown.size() + " of " + count(steps.size()) + " match \u201c" + q + "\u201d");
        } else {
            status.set(count(steps.size()) + (target.kind() == Target.Kind.AGENT && steps.size() >= AGENT_STEPS
                    ? " (the latest " + AGENT_STEPS + " and those since)" : ""));
        }
    }

    private static String count(int n) {
        return n == 1 ? "1 step" : n + " steps";
    }

    /** Every step of the subject, oldest first. */
    public ObservableList<TraceStepItem> steps() {
        return FXCollections.unmodifiableObservableList(steps);
    }

    /** The steps the search lets through, oldest first: what the list shows. */
    public ObservableList<TraceStepItem> shownSteps() {
        return shown;
    }

    /** The search text: filters the steps and marks its occurrences in the selected one. */
    public StringProperty queryProperty() {
        return query;
    }

    /** The step whose full content is shown (the list's selection). */
    public ObjectProperty<TraceStepItem> selectedStepProperty() {
        return selectedStep;
    }

    public ReadOnlyObjectProperty<Target> subjectProperty() {
        return subject.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** What the panel says about the trace: how to select something, that it is reading, or how many steps. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public Command copyStepCommand() {
        return copyStep;
    }

    public Command copyTraceCommand() {
        return copyTrace;
    }
}
