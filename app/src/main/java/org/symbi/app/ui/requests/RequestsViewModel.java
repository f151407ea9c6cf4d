package org.symbi.app.ui.requests;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.symbi.app.ui.RoomContext;
import org.symbi.app.ui.kit.Command;
import org.symbi.app.ui.kit.Notifier;
import org.symbi.app.ui.kit.RoomFeed;
import org.symbi.app.ui.kit.Selection;
import org.symbi.app.ui.kit.SingleRead;
import org.symbi.kernel.Kernel;
import org.symbi.kernel.events.KernelEvent;
import org.symbi.kernel.request.RequestStatus;
import org.symbi.kernel.request.RequestView;
import org.symbi.kernel.task.WorkflowView;


import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * People's requests to the team: the request bar ({@link RequestForm}) that submits one, the list of
 * requests, and the chosen one's plan (who planned it, each step, the steps the room added), its tasks' live
 * state once confirmed, and its completion report. Confirm and discard while a plan waits for a person; a
 * desktop notification when a plan is ready or a request ends. No nodes; tested without JavaFX.
 *
 * <p>Everything is read in the background through the feed: on every request change, on every status
 * change of the shown request's tasks, and periodically (which also keeps the ages current).
 */
public final class RequestsViewModel {
    static final Duration READ_PERIOD = Duration.ofSeconds(3);
    /** Requests listed, newest first. */
    static final int LIST_LIMIT = 200;

    private final RoomFeed feed;
    private final Kernel kernel;
    private final Selection selection;
    private final Notifier notifier;
    private final String person;
    private final RequestForm form;

    private final ObservableList<RequestRow> requests = FXCollections.observableArrayList();
    private final ObservableList<RequestRow> requestsView = FXCollections.unmodifiableObservableList(requests);
    private final ReadOnlyObjectWrapper<RequestRow> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper chosenStep = new ReadOnlyStringWrapper();
    private final ObservableList<PlanRow> planRows = FXCollections.observableArrayList();
    private final ObservableList<PlanRow> planRowsView = FXCollections.unmodifiableObservableList(planRows);
    private final ObservableList<ReportFacts.Fact> facts = FXCollections.observableArrayList();
    private final ObservableList<ReportFacts.Fact> factsView = FXCollections.unmodifiableObservableList(facts);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper acting = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper decidable = new ReadOnlyBooleanWrapper();
    private final Command confirm;

    /** The request whose workflow the background reads look at; written on the FX thread. */
    private volatile String shownId;
    /** A request just submitted, to be chosen once a read brings it. */
    private String toChoose;
    /** What the last request events announced, to notify about once a read says what the requests are. */
    private final Map<String, KernelEvent.RequestChanged> toAnnounce = new LinkedHashMap<>();
    private final SingleRead<Snapshot> reads;

    /** What one read saw: the newest requests, and the workflow of the one shown if it ran. */
    private record Snapshot(List<RequestView> requests, String shownId, WorkflowView workflow, Instant at) {
    }

    public RequestsViewModel(RoomContext context) {
        this.feed = context.feed();
        this.kernel = context.kernel();
        this.selection = context.selection();
        this.notifier = context.notifier();
        this.person = kernel.localApprover().id();
        this.form = new RequestForm(feed, kernel.requests(), context.room().dataDir(), person, this::submitted);
        decidable.bind(Bindings.createBooleanBinding(() -> !acting.get() && selected.get() != null
                && selected.get().awaitingConfirmation(), acting, selected));
        confirm = Command.of(this::confirmSelected, decidable);
        reads = new SingleRead<>(feed, this::read, this::apply,
                failure -> problem.set("Could not read the requests: " + reason(failure)));
        feed.on(KernelEvent.RequestChanged.class, this::requestsChanged);
        feed.on(KernelEvent.TaskStateChanged.class, this::tasksChanged);
        feed.every(READ_PERIOD, this::read, this::apply);
        feed.onResync(reads::request);
    }

    // --- reads ------------------------------------------------------------------------------------------

    private Snapshot read() {
        String shown = shownId;
        List<RequestView> list = kernel.requests().list(LIST_LIMIT);
        WorkflowView workflow = list.stream().filter(r -> r.requestId().equals(shown)).findFirst()
                .filter(RequestRow::ran)
                .flatMap(r -> kernel.tasks().workflow(r.workflowId())).orElse(null);
        return new Snapshot(list, shown, workflow, kernel.clock().instant());
    }

    private void apply(Snapshot snapshot) {
        List<RequestRow> rows = snapshot.requests().stream().map(r -> RequestRow.of(r, snapshot.at())).toList();
        if (!requests.equals(rows)) {
            requests.setAll(rows);
        }
        announce();
        RequestRow current = selected.get();
        String wanted = toChoose != null ? toChoose : current != null ? current.requestId() : null;
        RequestRow next = rows.stream().filter(r -> r.requestId().equals(wanted)).findFirst()
                .orElse(wanted == null && !rows.isEmpty() ? rows.getFirst() : current);
        if (next != null && next.requestId().equals(toChoose)) {
            toChoose = null;
        }
        show(next);
        if (next != null && next.ran() && !next.requestId().equals(snapshot.shownId())) {
            reads.request(); // the read looked at another request's workflow: the one shown now needs its own
        } else if (next != null) {
            showPlan(next, snapshot.workflow());
        }
    }

    private void show(RequestRow row) {
        boolean other = row == null || selected.get() == null || !row.requestId().equals(selected.get().requestId());
        selected.set(row);
        shownId = row == null ? null : row.requestId();
        if (other) {
            chosenStep.set(null);
            // a plan that ran shows once its tasks are read, never with another request's steps meanwhile
            planRows.clear();
            facts.clear();
            if (row != null && !row.ran()) {
                showPlan(row, null);
            }
        }
    }

    private void showPlan(RequestRow row, WorkflowView workflow) {
        List<PlanRow> steps = row.request().draft() == null ? List.of() : PlanRow.of(row.request().draft(), workflow);
        if (!planRows.equals(steps)) {
            planRows.setAll(steps);
        }
        List<ReportFacts.Fact> reported = ReportFacts.of(row.request().report());
        if (!facts.equals(reported)) {
            facts.setAll(reported);
        }
    }

    private void requestsChanged(List<KernelEvent.RequestChanged> batch) {
        for (KernelEvent.RequestChanged e : batch) {
            RequestStatus status = RequestStatus.fromWire(e.status());
            if (status == RequestStatus.AWAITING_CONFIRMATION || status == RequestStatus.COMPLETED
                    || status == RequestStatus.FAILED) {
                toAnnounce.put(e.requestId(), e);
            }
        }
        reads.request();
    }

    private void tasksChanged(List<KernelEvent.TaskStateChanged> batch) {
        String shown = shownId;
        if (shown != null && batch.stream().anyMatch(e -> shown.equals(e.workflowId()))) {
            reads.request();
        }
    }

    /** A plan ready for confirmation and a request that ended each get a desktop notification. */
    private void announce() {
        for (KernelEvent.RequestChanged e : toAnnounce.values()) {
            String what = requests.stream().filter(r -> r.requestId().equals(e.requestId())).findFirst()
                    .map(r -> "“" + r.firstLine() + "”").orElse(e.requestId());
            switch (RequestStatus.fromWire(e.status())) {
                case AWAITING_CONFIRMATION -> notifier.notify(Notifier.Severity.WARNING, "Plan ready for confirmation",
                        what + ": " + e.detail());
                case COMPLETED -> notifier.notify(Notifier.Severity.INFO, "Request completed",
                        what + ": " + e.detail());
                default -> notifier.notify(Notifier.Severity.ERROR, "Request failed", what + ": " + e.detail());
            }
        }
        toAnnounce.clear();
    }

    // --- what a person does -----------------------------------------------------------------------------

    /** A request was taken: it is chosen once a read brings it, and the trace panel follows its planning. */
    private void submitted(RequestView request) {
        toChoose = request.requestId();
        selection.select(Selection.Target.task(request.planTaskId()));
        reads.request();
    }

    /** Chooses a request: its plan and report show, and the trace panel follows its planning. */
    public void select(RequestRow row) {
        if (row == null || selected.get() != null && selected.get().requestId().equals(row.requestId())) {
            return;
        }
        toChoose = null;
        message.set("");
        problem.set("");
        show(row);
        selection.select(Selection.Target.task(row.request().planTaskId()));
        if (row.ran()) {
            reads.request();
        }
    }

    /** Chooses a step of the plan; once the plan runs, the trace panel follows its task. */
    public void selectTask(PlanRow row) {
        if (row == null) {
            return;
        }
        chosenStep.set(row.taskId());
        if (row.runningTaskId() != null) {
            selection.select(Selection.Target.task(row.runningTaskId()));
        }
    }

    private void confirmSelected() {
        String id = selected.get().requestId();
        act(() -> kernel.requests().confirm(id, person), "Not confirmed");
    }

    /** Discards the chosen plan; the reason, if any, is kept with it in the ledger. */
    public void discard(String reason) {
        if (!decidable.get()) {
            return;
        }
        String id = selected.get().requestId();
        act(() -> kernel.requests().discard(id, person, reason), "Not discarded");
    }

    /**
     * Runs a decision in the background; what it did is said as the request's new detail ("Confirmed by …"),
     * a refusal with the kernel's reason, as it is.
     */
    private void act(Callable<RequestView> decision, String refused) {
        acting.set(true);
        message.set("");
        problem.set("");
        feed.submit(decision, r -> {
            acting.set(false);
            String detail = r.detail();
            message.set(detail.isEmpty() ? "" : Character.toUpperCase(detail.charAt(0)) + detail.substring(1));
            reads.request();
        }, failure -> {
            acting.set(false);
            problem.set(refused + ": " + reason(failure));
            reads.request();
        });
    }

    static String reason(Throwable failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }

    // --- properties -------------------------------------------------------------------------------------

    /** The request bar: what to do, about which working tree, and the Plan command. */
    public RequestForm form() {
        return form;
    }

    /** Requests, newest first. */
    public ObservableList<RequestRow> requests() {
        return requestsView;
    }

    public ReadOnlyObjectProperty<RequestRow> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public RequestRow selected() {
        return selected.get();
    }

    /** The chosen request's plan, step by step, with each task's state once it runs. */
    public ObservableList<PlanRow> planRows() {
        return planRowsView;
    }

    /** The step of the plan the person chose, by its id in the plan. */
    public ReadOnlyStringProperty chosenStepProperty() {
        return chosenStep.getReadOnlyProperty();
    }

    /** The key facts of the chosen request's completion report, once it ended. */
    public ObservableList<ReportFacts.Fact> reportFacts() {
        return factsView;
    }

    /** Whether the chosen plan can be confirmed or discarded now. */
    public ReadOnlyBooleanProperty decidableProperty() {
        return decidable.getReadOnlyProperty();
    }

    public Command confirmCommand() {
        return confirm;
    }

    /** What the last decision did. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Why the last decision or read was refused, as the kernel said it. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }
}
