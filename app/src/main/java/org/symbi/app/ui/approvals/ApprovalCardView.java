package org.symbi.app.ui.approvals;

import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.symbi.governance.Verdict;

import java.util.Locale;

/**
 * One request as a card: who asks, for what, under which scope and at what risk; the exact bytes that will
 * run; the requester's reasoning; every signature so far; and governance's refusal of a decision from here.
 */
final class ApprovalCardView extends VBox {
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");

    private final ApprovalCard card;
    private final VBox signatures = new VBox(2);

    ApprovalCardView(ApprovalCard card, Runnable onApprove, Runnable onDeny) {
        super(6);
        this.card = card;
        PendingApproval r = card.request();
        setId("approval-" + r.requestId());
        getStyleClass().add("approval-card");

        Label kind = new Label(r.kind());
        kind.getStyleClass().addAll("approval-kind", "title-4");
        Label agent = new Label("from " + r.agentId());
        Label risk = new Label(r.risk() + " risk");
        risk.getStyleClass().addAll("approval-risk", "risk-" + r.risk().toLowerCase(Locale.ROOT));
        Label quorum = new Label();
        quorum.getStyleClass().add("approval-quorum");
        quorum.textProperty().bind(card.quorumProperty());
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox header = new HBox(8, kind, agent, spring, risk, quorum);
        header.getStyleClass().add("approval-card-header");
        header.setAlignment(Pos.BASELINE_LEFT);

        Label scope = muted("Scope: " + r.scope() + (r.groups().isEmpty() ? ""
                : "   ·   approvers from " + String.join(", ", r.groups())));
        Label reasoning = new Label(r.reasoning() == null || r.reasoning().isBlank()
                ? "The agent gave no reasoning." : "“" + r.reasoning() + "”");
        reasoning.setWrapText(true);
        reasoning.getStyleClass().add("approval-reasoning");

        TextArea action = new TextArea(r.canonicalAction());
        action.setEditable(false);
        action.setWrapText(true);
        action.setPrefRowCount(4);
        action.setFocusTraversable(false);
        action.getStyleClass().add("approval-action");
        Label binding = muted("sha256 " + r.bindingHash() + " — what an approval signs");

        Label problem = new Label();
        problem.setWrapText(true);
        problem.getStyleClass().add("approval-problem");
        problem.textProperty().bind(card.problemProperty());
        problem.visibleProperty().bind(card.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());

        card.signatures().addListener((ListChangeListener<ApprovalCard.Signature>) change -> showSignatures());
        showSignatures();

        getChildren().addAll(header, scope, reasoning, action, binding, signatures, problem, buttons(onApprove, onDeny));
    }

    ApprovalCard card() {
        return card;
    }

    void showSelected(boolean selected) {
        pseudoClassStateChanged(SELECTED, selected);
    }

    private HBox buttons(Runnable onApprove, Runnable onDeny) {
        Button approve = new Button("Approve");
        approve.getStyleClass().addAll("approve-button", "success");
        approve.disableProperty().bind(card.canApprove().not());
        approve.setOnAction(e -> onApprove.run());
        Button deny = new Button("Deny…");
        deny.getStyleClass().addAll("deny-button", "danger");
        deny.disableProperty().bind(card.decidingProperty());
        deny.setOnAction(e -> onDeny.run());
        Label waiting = muted("You approved; waiting for another approver");
        waiting.visibleProperty().bind(card.approvedHereProperty());
        HBox row = new HBox(8, approve, deny, waiting);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private void showSignatures() {
        signatures.getChildren().setAll(card.signatures().stream().map(s -> {
            Label line = new Label((s.verdict() == Verdict.APPROVE ? "✔ " : "✖ ")
                    + s.approverId() + " signed " + s.verdictText() + " · " + s.shortSignature());
            line.getStyleClass().addAll("approval-signature", "signature-" + s.verdictText());
            return line;
        }).toList());
    }

    private static Label muted(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.getStyleClass().add("text-muted");
        return label;
    }
}
