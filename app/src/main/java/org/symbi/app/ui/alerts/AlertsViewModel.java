package org.symbi.app.ui.alerts;

import javafx.beans.Observable;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.symbi.app.ui.RoomContext;
import org.symbi.app.ui.kit.Command;
import org.symbi.app.ui.kit.Notifier;
import org.symbi.app.ui.kit.Notifier.Severity;
import org.symbi.app.ui.kit.RoomFeed;
import org.symbi.app.ui.kit.Selection;
import org.symbi.kernel.events.KernelEvent;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The alert list: newest first, at most {@link #MAX_ALERTS}, filtered by severity, with the count of those
 * not yet acknowledged. Warnings and errors also go to the desktop, coalesced: one notification per pulse
 * at most, and none within {@link #NOTIFICATION_HOLD_OFF} of the last; what arrives meanwhile is summarised
 * in the next ("37 new alerts"), so a storm never floods the desktop.
 */
public final class AlertsViewModel {
    public static final int MAX_ALERTS = 5_000;
    static final Duration NOTIFICATION_HOLD_OFF = Duration.ofSeconds(5);
    /** How often alerts held back by the hold-off are looked at again. */
    private static final Duration HELD_CHECK = Duration.ofSeconds(1);

    private final Notifier notifier;
    private final InstantSource clock;
    private final Duration holdOff;
    // The extractor makes an acknowledgement a list update, so the filtered list and the rows follow it.
    private final ObservableList<Alert> alerts =
            FXCollections.observableArrayList(a -> new Observable[]{a.acknowledgedProperty()});
    private final FilteredList<Alert> shown = new FilteredList<>(alerts);
    private final BooleanProperty showErrors = new SimpleBooleanProperty(true);
    private final BooleanProperty showWarnings = new SimpleBooleanProperty(true);
    private final BooleanProperty showInfo = new SimpleBooleanProperty(true);
    private final BooleanProperty unacknowledgedOnly = new SimpleBooleanProperty(false);
    private final ReadOnlyIntegerWrapper unacknowledged = new ReadOnlyIntegerWrapper();
    private final ObjectProperty<Alert> selected = new SimpleObjectProperty<>();
    private final Command acknowledgeSelected;
    private final Command acknowledgeAll;
    private final Map<Severity, Integer> held = new EnumMap<>(Severity.class);
    private Alert latestHeld;
    private Instant lastNotified;

    public AlertsViewModel(RoomContext context) {
        this(context.feed(), context.notifier(), context.selection(), context.kernel().clock(), NOTIFICATION_HOLD_OFF);
    }

    AlertsViewModel(RoomFeed feed, Notifier notifier, Selection selection, InstantSource clock, Duration holdOff) {
        this.notifier = notifier;
        this.clock = clock;
        this.holdOff = holdOff;
        for (BooleanProperty filter : List.of(showErrors, showWarnings, showInfo, unacknowledgedOnly)) {
            filter.addListener(o -> shown.setPredicate(this::passesFilters));
        }
        selected.addListener((obs, was, alert) -> {
            if (alert != null && alert.agentId() != null) {
                selection.select(Selection.Target.agent(alert.agentId()));
            }
        });
        acknowledgeSelected = Command.of(() -> acknowledge(selected.get()), BooleanExpression.booleanExpression(
                selected.flatMap(Alert::acknowledgedProperty).map(acknowledged -> !acknowledged).orElse(false)));
        acknowledgeAll = Command.of(this::acknowledgeEverything, unacknowledged.greaterThan(0));
        feed.on(this::raise, KernelEvent.LocalAgentFailed.class, KernelEvent.LocalAgentRestarted.class,
                KernelEvent.AgentStatusChanged.class, KernelEvent.GuardTripped.class, KernelEvent.ErrorReported.class,
                KernelEvent.MessageDeadLettered.class, KernelEvent.ConflictOpened.class,
                KernelEvent.EscalationOpened.class, KernelEvent.LedgerAuditFailed.class);
        feed.on(KernelEvent.ConflictResolved.class, this::settle);
        feed.onResync(this::eventsWereShed);
        feed.every(HELD_CHECK, clock::instant, this::notifyIfDue);
    }

    private boolean passesFilters(Alert a) {
        boolean severityShown = switch (a.severity()) {
            case ERROR -> showErrors.get();
            case WARNING -> showWarnings.get();
            case INFO -> showInfo.get();
        };
        return severityShown && !(unacknowledgedOnly.get() && a.isAcknowledged());
    }

    private void raise(List<KernelEvent> events) {
        add(events.stream().map(AlertRules::alertFor).filter(Objects::nonNull).toList());
    }

    private void add(List<Alert> fresh) {
        if (fresh.isEmpty()) {
            return;
        }
        List<Alert> newestFirst = new ArrayList<>(fresh.subList(Math.max(0, fresh.size() - MAX_ALERTS), fresh.size()));
        Collections.reverse(newestFirst);
        alerts.addAll(0, newestFirst);
        int count = unacknowledged.get() + newestFirst.size();
        if (alerts.size() > MAX_ALERTS) {
            List<Alert> oldest = alerts.subList(MAX_ALERTS, alerts.size());
            count -= (int) oldest.stream().filter(a -> !a.isAcknowledged()).count();
            oldest.clear();
        }
        unacknowledged.set(count);
        for (Alert a : fresh) {
            if (a.severity() != Severity.INFO) {
                held.merge(a.severity(), 1, Integer::sum);
                latestHeld = a;
            }
        }
        notifyIfDue(clock.instant());
    }

    /** Tells the desktop about the warnings and errors not told yet, unless the last notification was too recent. */
    private void notifyIfDue(Instant now) {
        if (latestHeld == null || lastNotified != null && now.isBefore(lastNotified.plus(holdOff))) {
            return;
        }
        int count = held.values().stream().mapToInt(Integer::intValue).sum();
        Severity worst = held.containsKey(Severity.ERROR) ? Severity.ERROR : Severity.WARNING;
        if (count == 1) {
            notifier.notify(worst, latestHeld.title(), latestHeld.source() + ": " + latestHeld.detail());
        } else {
            String bySeverity = held.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey(Comparator.reverseOrder()))
                    .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(Locale.ROOT)
                            + (e.getValue() == 1 ? "" : "s"))
                    .collect(Collectors.joining(", "));
            notifier.notify(worst, count + " new alerts", bySeverity + "; latest: " + latestHeld.title());
        }
        held.clear();
        latestHeld = null;
        lastNotified = now;
    }

    /** A conflict waiting for a vote or a decision was resolved: its alerts need nobody any more. */
    private void settle(List<KernelEvent.ConflictResolved> resolved) {
        Set<String> ids = resolved.stream().map(KernelEvent.ConflictResolved::conflictId).collect(Collectors.toSet());
        for (Alert a : alerts) {
            if (a.conflictId() != null && ids.contains(a.conflictId())) {
                acknowledge(a);
            }
        }
    }

    private void eventsWereShed() {
        add(List.of(new Alert(Severity.WARNING, clock.instant(), "room", null, "Some events were not shown",
                "The room was too busy to show every event as it happened; alerts from that moment may be missing.",
                null, null)));
    }

    /** Acknowledges one alert (the button on its row). */
    public void acknowledge(Alert alert) {
        if (alert != null && alert.acknowledge()) {
            unacknowledged.set(unacknowledged.get() - 1);
        }
    }

    private void acknowledgeEverything() {
        for (Alert a : alerts) {
            a.acknowledge();
        }
        unacknowledged.set(0);
    }

    /** The alerts that pass the filters, newest first. */
    public ObservableList<Alert> alerts() {
        return shown;
    }

    /** How many alerts are kept, whatever the filters. */
    public int size() {
        return alerts.size();
    }

    public ReadOnlyIntegerProperty unacknowledgedProperty() {
        return unacknowledged.getReadOnlyProperty();
    }

    public BooleanProperty showErrorsProperty() {
        return showErrors;
    }

    public BooleanProperty showWarningsProperty() {
        return showWarnings;
    }

    public BooleanProperty showInfoProperty() {
        return showInfo;
    }

    public BooleanProperty unacknowledgedOnlyProperty() {
        return unacknowledgedOnly;
    }

    /** The alert chosen in the list; one about an agent selects that agent across the room too. */
    public ObjectProperty<Alert> selectedProperty() {
        return selected;
    }

    public Command acknowledgeSelected() {
        return acknowledgeSelected;
    }

    public Command acknowledgeAll() {
        return acknowledgeAll;
    }
}
