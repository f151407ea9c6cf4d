package org.symbi.app.ui.warrants;

import javafx.beans.binding.BooleanExpression;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.symbi.app.ui.RoomContext;
import org.symbi.app.ui.kit.Command;
import org.symbi.app.ui.kit.RoomFeed;
import org.symbi.kernel.Kernel;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every live warrant and the most recent ended ones, filtered by text, and their revocation (with a reason,
 * signed into the ledger as this room's approver). Warrants change without kernel events (a use, an
 * expiry), so the list is read again every few seconds and after a revocation. No nodes; tested without JavaFX.
 */
public final class WarrantsViewModel {
    static final Duration REREAD = Duration.ofSeconds(2);
    /** Ended warrants kept in view: enough to see what just happened without reading the whole history. */
    static final int ENDED_SHOWN = 200;
    static final String REASON_NEEDED = "A revocation needs a reason: it is recorded in the ledger.";

    private final Kernel kernel;
    private final RoomFeed feed;
    private final ObservableList<WarrantRow> rows = FXCollections.observableArrayList();
    private final FilteredList<WarrantRow> shown = new FilteredList<>(rows);
    private final StringProperty filter = new SimpleStringProperty("");
    private final BooleanProperty showEnded = new SimpleBooleanProperty(true);
    private final ReadOnlyObjectWrapper<WarrantRow> selected = new ReadOnlyObjectWrapper<>();
    private final StringProperty reason = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final Command revokeSelected;

    public WarrantsViewModel(RoomContext context) {
        this.kernel = context.kernel();
        this.feed = context.feed();
        this.revokeSelected = Command.of(() -> revoke(selected.get(), reason.get()),
                BooleanExpression.booleanExpression(selected.map(WarrantRow::live).orElse(false)));
        filter.addListener((obs, was, now) -> applyFilter());
        showEnded.addListener((obs, was, now) -> applyFilter());
        feed.every(REREAD, this::read, this::apply);
    }

    /** The warrants that pass the filter: live ones first, soonest to expire first; then ended ones, newest first. */
    public ObservableList<WarrantRow> shown() {
        return shown;
    }

    /** Text that a shown warrant's id, agent, status, scope or end reason contains. */
    public StringProperty filterProperty() {
        return filter;
    }

    public BooleanProperty showEndedProperty() {
        return showEnded;
    }

    public ReadOnlyObjectProperty<WarrantRow> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public void select(WarrantRow row) {
        selected.set(row);
    }

    /** Why the selected warrant is to be revoked. */
    public StringProperty reasonProperty() {
        return reason;
    }

    /** What the last revocation came to, or why it was refused. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Revokes the selected live warrant with the reason typed. */
    public Command revokeSelected() {
        return revokeSelected;
    }

    /**
     * Revokes a live warrant in the background, then reads the list again. A blank reason or a warrant that
     * is no longer live is refused with a message and nothing changes. Returns whether the revocation went out.
     */
    public boolean revoke(WarrantRow row, String why) {
        String problem = row == null ? "Choose a warrant to revoke."
                : !row.live() ? "Warrant " + row.id() + " is already " + row.statusText() + "."
                : why == null || why.isBlank() ? REASON_NEEDED : null;
        if (problem != null) {
            message.set(problem);
            return false;
        }
        String by = kernel.localApprover().id();
        feed.submit(() -> {
            kernel.governance().revoke(row.id(), by, why.strip());
            return read();
        }, latest -> {
            reason.set("");
            apply(latest);
            message.set("Revoked " + row.id() + " of " + row.agentId() + ".");
        }, failure -> message.set("Could not revoke " + row.id() + ": " + failure.getMessage()));
        return true;
    }

    private List<WarrantRow> read() {
        Instant now = kernel.clock().instant();
        List<WarrantRow> out = new ArrayList<>();
        kernel.governance().liveWarrants().stream().map(w -> WarrantRow.of(w, now))
                .sorted(Comparator.comparing(WarrantRow::expiresAt).thenComparing(WarrantRow::id))
                .forEach(out::add);
        kernel.governance().endedWarrants(ENDED_SHOWN).forEach(w -> out.add(WarrantRow.of(w, now)));
        return out;
    }

    private void apply(List<WarrantRow> latest) {
        if (rows.equals(latest)) {
            return;
        }
        String selectedId = selected.get() == null ? null : selected.get().id();
        rows.setAll(latest);
        selected.set(latest.stream().filter(r -> r.id().equals(selectedId)).findFirst().orElse(null));
    }

    private void applyFilter() {
        String text = filter.get() == null ? "" : filter.get();
        boolean ended = showEnded.get();
        shown.setPredicate(row -> (ended || row.live()) && row.matches(text));
    }
}
