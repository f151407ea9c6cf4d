package org.symbi.app.ui.requests;

import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.symbi.app.ui.kit.Forms;

import java.util.Optional;

/**
 * The chosen request: its status and why, who planned it, the branch, the plan as a table, Confirm and
 * Discard while the plan waits for a person, and the completion report once it ended.
 */
final class RequestDetailPane extends VBox {
    private final RequestsViewModel model;
    private final GridPane facts = new GridPane();

    RequestDetailPane(RequestsViewModel model) {
        this.model = model;
        getStyleClass().add("request-detail");
        setSpacing(8);
        setPadding(new Insets(10, 12, 10, 12));

        Label empty = new Label("Type a request above and press Plan: the planner turns it into steps for the"
                + " team, and nothing runs until you confirm them.");
        empty.setId("request-empty");
        empty.setWrapText(true);
        empty.getStyleClass().add("text-muted");
        empty.visibleProperty().bind(model.selectedProperty().isNull());
        empty.managedProperty().bind(empty.visibleProperty());

        VBox shown = new VBox(8, heading(), planner(), new PlanTable(model), decisions(), report());
        VBox.setVgrow(shown.getChildren().get(2), Priority.ALWAYS);
        shown.visibleProperty().bind(model.selectedProperty().isNotNull());
        shown.managedProperty().bind(shown.visibleProperty());
        VBox.setVgrow(shown, Priority.ALWAYS);
        getChildren().addAll(empty, shown);
    }

    private Node heading() {
        Label status = new Label();
        status.setId("request-status");
        status.getStyleClass().add("request-status");
        model.selectedProperty().addListener((obs, was, row) -> {
            status.getStyleClass().removeIf(s -> s.startsWith("request-status-"));
            if (row != null) {
                status.getStyleClass().add(RequestCell.statusStyle(row));
            }
        });
        status.textProperty().bind(model.selectedProperty().map(RequestRow::statusText));
        status.setMinWidth(Region.USE_PREF_SIZE);
        Label title = new Label();
        title.setId("request-title");
        title.getStyleClass().add("title-4");
        title.setWrapText(true);
        title.textProperty().bind(model.selectedProperty().map(r -> r.request().text()));
        HBox top = new HBox(10, status, title);
        top.setAlignment(Pos.TOP_LEFT);
        Label detail = new Label();
        detail.setId("request-detail-line");
        detail.setWrapText(true);
        detail.getStyleClass().add("text-muted");
        detail.textProperty().bind(model.selectedProperty().map(r -> r.request().detail() == null ? ""
                : r.request().detail()));
        return new VBox(4, top, detail);
    }

    private Node planner() {
        Label planner = new Label();
        planner.setId("request-planner");
        planner.getStyleClass().add("request-planner");
        planner.textProperty().bind(model.selectedProperty().map(RequestRow::plannerLabel));
        planner.textProperty().addListener((obs, was, now) -> {
            planner.getStyleClass().removeAll("request-planner-rules", "request-planner-model");
            if (now != null && !now.isEmpty()) {
                planner.getStyleClass().add(now.startsWith(RequestRow.RULES_LABEL) ? "request-planner-rules"
                        : "request-planner-model");
            }
        });
        planner.managedProperty().bind(planner.textProperty().isNotEmpty());
        Label branch = new Label();
        branch.setId("request-branch");
        branch.getStyleClass().add("text-muted");
        branch.setWrapText(true);
        branch.textProperty().bind(model.selectedProperty().map(RequestRow::branchLine));
        branch.managedProperty().bind(branch.textProperty().isNotEmpty());
        return new VBox(2, planner, branch);
    }

    private Node decisions() {
        Button confirm = Forms.button("request-confirm", "Confirm and run", model.confirmCommand());
        confirm.getStyleClass().add("success");
        Button discard = new Button("Discard…");
        discard.setId("request-discard");
        discard.getStyleClass().add("danger");
        discard.setMinWidth(Region.USE_PREF_SIZE);
        discard.disableProperty().bind(model.decidableProperty().not());
        discard.setOnAction(e -> askDiscardReason().ifPresent(model::discard));
        Label hint = new Label("Nothing runs until the plan is confirmed; confirming issues the warrants of its"
                + " gated steps.");
        hint.getStyleClass().add("text-muted");
        hint.setWrapText(true);
        hint.visibleProperty().bind(model.decidableProperty());
        hint.managedProperty().bind(hint.visibleProperty());
        HBox buttons = new HBox(8, confirm, discard, hint);
        buttons.setAlignment(Pos.CENTER_LEFT);
        return new VBox(4, buttons, Forms.feedback("request-decision", model.messageProperty(),
                model.problemProperty()));
    }

    private Optional<String> askDiscardReason() {
        RequestRow row = model.selected();
        TextInputDialog dialog = new TextInputDialog();
        dialog.initOwner(getScene().getWindow());
        dialog.setTitle("Discard the plan");
        dialog.setHeaderText("Discard the plan for “" + row.firstLine() + "”? Nothing of it has run.");
        dialog.setContentText("Reason (optional)");
        dialog.getEditor().setId("request-discard-reason");
        Button discard = (Button) dialog.getDialogPane().lookupButton(ButtonType.OK);
        discard.setText("Discard");
        discard.setId("request-discard-confirm");
        discard.getStyleClass().add("danger");
        return dialog.showAndWait();
    }

    private Node report() {
        Label heading = new Label("Completion report");
        heading.getStyleClass().add("title-4");
        Label summary = new Label();
        summary.setId("request-report-summary");
        summary.setWrapText(true);
        summary.getStyleClass().add("request-report-summary");
        summary.textProperty().bind(model.selectedProperty().map(RequestRow::reportSummary));
        facts.setId("request-report-facts");
        facts.setHgap(12);
        facts.setVgap(4);
        model.reportFacts().addListener((ListChangeListener<ReportFacts.Fact>) c -> showFacts());
        VBox box = new VBox(6, heading, summary, facts);
        box.setId("request-report");
        box.getStyleClass().add("request-report");
        box.visibleProperty().bind(summary.textProperty().isNotEmpty());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private void showFacts() {
        facts.getChildren().clear();
        int row = 0;
        for (ReportFacts.Fact f : model.reportFacts()) {
            Label label = new Label(f.label());
            label.getStyleClass().add("request-fact-label");
            label.setMinWidth(Region.USE_PREF_SIZE);
            Label value = new Label(f.value());
            value.setWrapText(true);
            facts.addRow(row++, label, value);
        }
        facts.setVisible(!model.reportFacts().isEmpty());
        facts.setManaged(facts.isVisible());
    }
}
