package org.symbi.app.ui.approvals;

import javafx.beans.binding.BooleanExpression;
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
import org.symbi.governance.Verdict;
import org.symbi.kernel.events.KernelEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The approval inbox: pending warrant requests as cards, loaded from governance when the view opens and then
 * kept current by the kernel's approval events; and this room's approver's decisions on them, signed with
 * the room's local key. No nodes; tested without JavaFX.
 *
 * <p>An event names a request but not everything a card shows (scope, risk, signatures), so a new request
 * or one that settled makes the inbox read the pending list again. Only the latest read is applied: an
 * older one still under way could bring back a card that has left.
 */
public final class ApprovalInboxViewModel {
    static final String REASON_NEEDED = "A denial needs a reason: it is recorded in the ledger with your signature.";

    private final RoomFeed feed;
    private final Notifier notifier;
    private final ApprovalDesk desk;
    private final ObservableList<ApprovalCard> cards = FXCollections.observableArrayList();
    /** One read-only view, kept: it forwards changes only while something holds it. */
    private final ObservableList<ApprovalCard> cardsView = FXCollections.unmodifiableObservableList(cards);
    private final ReadOnlyObjectWrapper<ApprovalCard> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final Command approveSelected;
    private long readsStarted;

    public ApprovalInboxViewModel(RoomContext context) {
        this.feed = context.feed();
        this.notifier = context.notifier();
        this.desk = new ApprovalDesk(context.kernel());
        this.approveSelected = Command.of(() -> approve(selected.get()),
                BooleanExpression.booleanExpression(selected.flatMap(ApprovalCard::canApprove).orElse(false)));
        feed.on(this::onApprovalEvents, KernelEvent.ApprovalRequested.class, KernelEvent.ApprovalSigned.class,
                KernelEvent.ApprovalSettled.class);
        feed.onResync(this::reload);
        reload();
    }

    /** The pending requests, oldest first. */
    public ObservableList<ApprovalCard> cards() {
        return cardsView;
    }

    public ReadOnlyObjectProperty<ApprovalCard> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public ApprovalCard selected() {
        return selected.get();
    }

    /** What the last decision or settlement came to, for the status line. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Approves the selected card (the A key). */
    public Command approveSelected() {
        return approveSelected;
    }

    public void select(ApprovalCard card) {
        selected.set(card != null && cards.contains(card) ? card : selected.get());
    }

    public void selectNext() {
        moveSelection(1);
    }

    public void selectPrevious() {
        moveSelection(-1);
    }

    /** Signs an approval of the card's exact action with this room's approver key, in the background. */
    public void approve(ApprovalCard card) {
        decide(card, Verdict.APPROVE, null);
    }

    /**
     * Signs a denial with the reason, in the background; a blank reason is refused on the card and nothing is
     * sent. Returns whether the denial went out.
     */
    public boolean deny(ApprovalCard card, String reason) {
        String problem = reasonProblem(reason);
        if (problem != null) {
            if (card != null) {
                card.refused(problem);
            }
            message.set(problem);
            return false;
        }
        return decide(card, Verdict.DENY, reason.strip());
    }

    /** What is wrong with a denial's reason, or null if it will do. */
    public static String reasonProblem(String reason) {
        return reason == null || reason.isBlank() ? REASON_NEEDED : null;
    }

    private boolean decide(ApprovalCard card, Verdict verdict, String reason) {
        if (card == null || card.isDeciding() || !cards.contains(card)) {
            return false;
        }
        String verb = verdict == Verdict.APPROVE ? "approve" : "deny";
        card.decisionStarted();
        feed.submit(() -> desk.decide(card.requestId(), verdict, reason), quorum -> {
            card.decisionDone();
            message.set(verdict == Verdict.APPROVE ? "You approved " + card.requestId() + ": quorum " + quorum
                    : "You denied " + card.requestId());
        }, failure -> {
            String why = "Could not " + verb + ": " + (failure.getMessage() == null
                    ? failure.getClass().getSimpleName() : failure.getMessage());
            card.refused(why);
            message.set(why);
        });
        return true;
    }

    private void onApprovalEvents(List<KernelEvent> batch) {
        boolean readAgain = false;
        List<KernelEvent.ApprovalRequested> arrived = new ArrayList<>();
        for (KernelEvent event : batch) {
            switch (event) {
                case KernelEvent.ApprovalRequested requested -> {
                    arrived.add(requested);
                    readAgain = true;
                }
                case KernelEvent.ApprovalSigned signed -> {
                    ApprovalCard card = card(signed.requestId());
                    if (card == null) {
                        readAgain = true;
                    } else {
                        card.signed(new ApprovalCard.Signature(signed.approverId(),
                                Verdict.valueOf(signed.verdict().toUpperCase(Locale.ROOT)), signed.signature()),
                                signed.quorum());
                    }
                }
                case KernelEvent.ApprovalSettled settled -> {
                    remove(card(settled.requestId()));
                    message.set("Request " + settled.requestId() + " from " + settled.agentId() + " was "
                            + settled.status());
                    readAgain = true;
                }
                default -> {
                }
            }
        }
        announce(arrived);
        if (readAgain) {
            reload();
        }
    }

    /** One desktop notification per pulse, however many requests came in it. */
    private void announce(List<KernelEvent.ApprovalRequested> arrived) {
        if (arrived.size() == 1) {
            KernelEvent.ApprovalRequested r = arrived.getFirst();
            notifier.notify(Notifier.Severity.WARNING, "Approval needed", r.agentId() + " asks to run "
                    + r.kind() + "; " + r.required() + (r.required() == 1 ? " approval" : " approvals") + " needed");
        } else if (arrived.size() > 1) {
            notifier.notify(Notifier.Severity.WARNING, "Approvals needed",
                    arrived.size() + " requests wait for a decision");
        }
    }

    private void reload() {
        long read = ++readsStarted;
        feed.submit(desk::pending, pending -> {
            if (read == readsStarted) {
                apply(pending);
            }
        }, failure -> message.set("Could not read the pending requests: " + failure.getMessage()));
    }

    /** Brings the cards in line with a fresh read, keeping each card's own state (a refusal, a decision under way). */
    private void apply(List<PendingApproval> pending) {
        Map<String, PendingApproval> byId = new HashMap<>();
        pending.forEach(p -> byId.put(p.requestId(), p));
        for (ApprovalCard card : List.copyOf(cards)) {
            PendingApproval latest = byId.remove(card.requestId());
            if (latest == null) {
                remove(card);
            } else {
                card.reread(latest);
            }
        }
        for (PendingApproval p : pending) {
            if (byId.containsKey(p.requestId())) {
                cards.add(new ApprovalCard(p, desk.approverId()));
            }
        }
        if (selected.get() == null && !cards.isEmpty()) {
            selected.set(cards.getFirst());
        }
    }

    private void remove(ApprovalCard card) {
        int index = cards.indexOf(card);
        if (index < 0) {
            return;
        }
        cards.remove(index);
        if (card == selected.get()) {
            selected.set(cards.isEmpty() ? null : cards.get(Math.min(index, cards.size() - 1)));
        }
    }

    private ApprovalCard card(String requestId) {
        for (ApprovalCard c : cards) {
            if (c.requestId().equals(requestId)) {
                return c;
            }
        }
        return null;
    }

    private void moveSelection(int step) {
        if (cards.isEmpty()) {
            return;
        }
        int index = cards.indexOf(selected.get());
        int next = index < 0 ? 0 : Math.clamp(index + (long) step, 0, cards.size() - 1);
        selected.set(cards.get(next));
    }
}
