package org.symbi.app.ui.ledger;

import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.symbi.app.ui.kit.Command;
import org.symbi.app.ui.kit.RoomFeed;
import org.symbi.ledger.Ledger;
import org.symbi.ledger.SignedCheckpoint;
import org.symbi.ledger.VerificationReport;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Verifying the whole ledger in the background. The verifier reports entries checked into a counter; the
 * ledger view samples it with its periodic read, so progress costs one update per sample, not one per entry.
 */
public final class LedgerVerification {
    /** Where verification stands. */
    public enum State { NOT_RUN, RUNNING, INTACT, FAILED }

    private final RoomFeed feed;
    private final Ledger ledger;
    private final AtomicLong checked = new AtomicLong();
    private final AtomicLong total = new AtomicLong();
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.NOT_RUN);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper(
            "Not verified yet: verification recomputes the Merkle tree over every entry and checks every checkpoint.");
    private final ReadOnlyObjectWrapper<Long> firstBadIndex = new ReadOnlyObjectWrapper<>();
    private final Command verify;

    LedgerVerification(RoomFeed feed, Ledger ledger) {
        this.feed = feed;
        this.ledger = ledger;
        this.verify = Command.of(this::start, state.isNotEqualTo(State.RUNNING));
    }

    private void start() {
        checked.set(0);
        total.set(0);
        state.set(State.RUNNING);
        progress.set(0);
        firstBadIndex.set(null);
        result.set("Verifying…");
        feed.submit(() -> {
            total.set(ledger.size());
            VerificationReport report = ledger.verify(checked::set);
            return new Outcome(report, ledger.latestCheckpoint().orElse(null));
        }, this::finished, failure -> {
            state.set(State.FAILED);
            result.set("Verification could not run: " + failure.getMessage());
        });
    }

    /** Takes the progress of a running verification from its counter. */
    void sample() {
        long n = total.get();
        if (state.get() == State.RUNNING && n > 0) {
            progress.set(Math.min(1.0, (double) checked.get() / n));
        }
    }

    /** The report, and the checkpoint it was checked against (read with it, off the FX thread). */
    private record Outcome(VerificationReport report, SignedCheckpoint checkpoint) {
    }

    private void finished(Outcome outcome) {
        VerificationReport r = outcome.report();
        firstBadIndex.set(r.firstBadIndex());
        if (r.ok()) {
            progress.set(1);
            state.set(State.INTACT);
            SignedCheckpoint cp = outcome.checkpoint();
            result.set("Intact: all " + r.entriesChecked() + " entries check out, root "
                    + r.treeRoot().substring(0, LedgerRow.HASH_PREFIX) + "…; "
                    + (cp == null ? "no checkpoint signed yet." : "the latest signed checkpoint covers "
                    + cp.treeSize() + " entries (" + cp.time() + ")."));
        } else {
            state.set(State.FAILED);
            result.set(r.firstBadIndex() == null ? "Not intact: " + r.problem()
                    : "Not intact: the first bad entry is #" + r.firstBadIndex() + " \u2014 " + r.problem());
        }
    }

    public Command verifyCommand() {
        return verify;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** Share of the entries checked so far, 0 to 1. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** The verdict in words: intact with size, root and checkpoint, or the first bad entry and why. */
    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** The lowest entry found tampered or missing, or null. */
    public ReadOnlyObjectProperty<Long> firstBadIndexProperty() {
        return firstBadIndex.getReadOnlyProperty();
    }
}
