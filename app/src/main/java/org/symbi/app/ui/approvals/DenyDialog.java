package org.symbi.app.ui.approvals;

import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Asks to confirm a denial and why. The result is the reason, or null if the person changed their mind; a
 * blank reason keeps the dialog open with the reason it is refused.
 */
final class DenyDialog extends Dialog<String> {
    DenyDialog(ApprovalCard card, Window owner) {
        initOwner(owner);
        PendingApproval r = card.request();
        setTitle("Deny " + r.kind());
        setHeaderText("Deny " + r.agentId() + "'s " + r.kind() + " (" + r.requestId() + ")?");

        TextArea reason = new TextArea();
        reason.setId("deny-reason");
        reason.setPromptText("Why: recorded in the ledger with your signature");
        reason.setPrefRowCount(3);
        reason.setWrapText(true);
        Label problem = new Label();
        problem.setId("deny-reason-problem");
        problem.setWrapText(true);
        problem.getStyleClass().add("approval-problem");
        problem.managedProperty().bind(problem.textProperty().isNotEmpty());
        getDialogPane().setContent(new VBox(8, new Label("Reason"), reason, problem));

        ButtonType deny = new ButtonType("Deny", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().setAll(deny, ButtonType.CANCEL);
        Button confirm = (Button) getDialogPane().lookupButton(deny);
        confirm.setId("deny-confirm");
        confirm.getStyleClass().add("danger");
        confirm.addEventFilter(ActionEvent.ACTION, e -> {
            String why = ApprovalInboxViewModel.reasonProblem(reason.getText());
            if (why != null) {
                problem.setText(why);
                e.consume();
            }
        });
        setResultConverter(button -> button == deny ? reason.getText() : null);
        setOnShown(e -> reason.requestFocus());
    }
}
