package org.symbi.app.ui.approvals;

import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.symbi.governance.Verdict;

import java.util.Locale;

/**
 * One pending request in the inbox. What the request is stays as first read; its quorum and signatures
 * follow the approvers, and a refusal of this room's decision is kept on the card until the next attempt.
 */
public final class ApprovalCard {
    /** One approver's signed decision, as the card lists it. */
    public record Signature(String approverId, Verdict verdict, String signatureBase64) {
        static final int SHOWN_CHARACTERS = 16;

        /** The start of the signature, enough to tell signatures apart at a glance. */
        public String shortSignature() {
            return signatureBase64.length() <= SHOWN_CHARACTERS ? signatureBase64
                    : signatureBase64.substring(0, SHOWN_CHARACTERS) + "…";
        }

        public String verdictText() {
            return verdict.name().toLowerCase(Locale.ROOT);
        }
    }

    private final PendingApproval request;
    private final String localApproverId;
    private final ReadOnlyStringWrapper quorum;
    private final ObservableList<Signature> signatures = FXCollections.observableArrayList();
    /** One read-only view, kept: it forwards changes only while something holds it. */
    private final ObservableList<Signature> signaturesView = FXCollections.unmodifiableObservableList(signatures);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper deciding = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper approvedHere = new ReadOnlyBooleanWrapper(false);
    private final BooleanBinding canApprove = deciding.not().and(approvedHere.not());

    ApprovalCard(PendingApproval request, String localApproverId) {
        this.request = request;
        this.localApproverId = localApproverId;
        this.quorum = new ReadOnlyStringWrapper(request.quorum());
        signatures.setAll(request.signatures());
        updateApprovedHere();
    }

    /** The request as first read (its quorum and signatures then; the live ones are below). */
    public PendingApproval request() {
        return request;
    }

    public String requestId() {
        return request.requestId();
    }

    /** Progress towards the quorum, like "1 of 2". */
    public ReadOnlyStringProperty quorumProperty() {
        return quorum.getReadOnlyProperty();
    }

    public ObservableList<Signature> signatures() {
        return signaturesView;
    }

    /** Why governance refused this room's last decision on the card; empty when there is nothing to say. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** A decision from this room is on its way. */
    public ReadOnlyBooleanProperty decidingProperty() {
        return deciding.getReadOnlyProperty();
    }

    /** This room's approver has approved already: another approver's signature is what it waits for. */
    public ReadOnlyBooleanProperty approvedHereProperty() {
        return approvedHere.getReadOnlyProperty();
    }

    /** Approving does something: no decision is on its way and this room's approver has not approved yet. */
    public BooleanBinding canApprove() {
        return canApprove;
    }

    public boolean isDeciding() {
        return deciding.get();
    }

    void signed(Signature signature, String newQuorum) {
        if (signatures.stream().noneMatch(s -> s.approverId().equals(signature.approverId()))) {
            signatures.add(signature);
        }
        quorum.set(newQuorum);
        updateApprovedHere();
    }

    void reread(PendingApproval latest) {
        signatures.setAll(latest.signatures());
        quorum.set(latest.quorum());
        updateApprovedHere();
    }

    void decisionStarted() {
        deciding.set(true);
        problem.set("");
    }

    void decisionDone() {
        deciding.set(false);
    }

    void refused(String why) {
        deciding.set(false);
        problem.set(why);
    }

    private void updateApprovedHere() {
        approvedHere.set(signatures.stream().anyMatch(
                s -> s.approverId().equals(localApproverId) && s.verdict() == Verdict.APPROVE));
    }

    @Override
    public String toString() {
        return request.requestId() + " " + request.kind() + " by " + request.agentId() + " (" + quorum.get() + ")";
    }
}
