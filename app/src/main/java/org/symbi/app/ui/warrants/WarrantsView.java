package org.symbi.app.ui.warrants;

import atlantafx.base.controls.ToggleSwitch;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.transformation.SortedList;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The room's warrants in a table: status, agent, scope, uses left and expiry, with a filter and a switch for
 * ended ones; below it, revoking the selected live warrant with a reason.
 */
public final class WarrantsView extends BorderPane {
    private static final PseudoClass ENDED = PseudoClass.getPseudoClass("ended");

    private final WarrantsViewModel model;
    private final TableView<WarrantRow> table = new TableView<>();

    public WarrantsView(WarrantsViewModel model) {
        this.model = model;
        getStyleClass().add("warrants-view");
        setTop(toolbar());
        setCenter(table());
        setBottom(revokeBar());
    }

    private Node toolbar() {
        Label title = new Label("Warrants");
        title.getStyleClass().add("title-3");
        TextField filter = new TextField();
        filter.setId("warrant-filter");
        filter.setPromptText("Filter by agent, scope, status or id");
        filter.textProperty().bindBidirectional(model.filterProperty());
        HBox.setHgrow(filter, Priority.ALWAYS);
        ToggleSwitch ended = new ToggleSwitch("Show ended");
        ended.setId("warrant-show-ended");
        ended.selectedProperty().bindBidirectional(model.showEndedProperty());
        HBox bar = new HBox(12, title, filter, ended);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 12, 8, 12));
        return bar;
    }

    private Node table() {
        table.setId("warrant-table");
        table.setPlaceholder(new Label("No warrant matches. Warrants appear when the room issues them to agents."));
        TableColumn<WarrantRow, WarrantRow> status = new TableColumn<>("Status");
        status.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        status.setCellFactory(c -> new StatusCell());
        status.setComparator(Comparator.comparing(WarrantRow::status));
        TableColumn<WarrantRow, WarrantRow> expiry = new TableColumn<>("Expires");
        expiry.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        expiry.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(WarrantRow row, boolean empty) {
                super.updateItem(row, empty);
                setText(empty || row == null ? null : row.expiry());
            }
        });
        expiry.setComparator(Comparator.comparing(WarrantRow::expiresAt));
        table.getColumns().setAll(List.of(status, text("Agent", WarrantRow::agentId, 110),
                text("Scope", WarrantRow::scope, 280), text("Uses left", WarrantRow::usesLeft, 90), expiry,
                text("Warrant", WarrantRow::id, 140), text("Ended because", WarrantRow::endReason, 200)));
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(WarrantRow row, boolean empty) {
                super.updateItem(row, empty);
                pseudoClassStateChanged(ENDED, !empty && row != null && !row.live());
            }
        });
        SortedList<WarrantRow> sorted = new SortedList<>(model.shown());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.getSelectionModel().selectedItemProperty().addListener((obs, was, row) -> model.select(row));
        // A re-read replaces the rows; the model keeps the choice by warrant id and the table follows it.
        model.selectedProperty().addListener((obs, was, row) -> {
            if (table.getSelectionModel().getSelectedItem() != row) {
                if (row == null) {
                    table.getSelectionModel().clearSelection();
                } else {
                    table.getSelectionModel().select(row);
                }
            }
        });
        return table;
    }

    private static TableColumn<WarrantRow, String> text(String title, Function<WarrantRow, String> value, double width) {
        TableColumn<WarrantRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    private Node revokeBar() {
        Label chosen = new Label();
        chosen.setId("warrant-chosen");
        chosen.textProperty().bind(model.selectedProperty().map(r -> r.live()
                ? "Revoke " + r.id() + " of " + r.agentId() + ":" : r.id() + " is " + r.statusText() + ".")
                .orElse("Choose a live warrant to revoke it."));
        TextField reason = new TextField();
        reason.setId("revoke-reason");
        reason.setPromptText("Reason (recorded in the ledger)");
        reason.textProperty().bindBidirectional(model.reasonProperty());
        reason.disableProperty().bind(model.revokeSelected().executableProperty().not());
        reason.setOnAction(e -> model.revokeSelected().execute());
        HBox.setHgrow(reason, Priority.ALWAYS);
        Button revoke = new Button("Revoke");
        revoke.setId("revoke");
        revoke.getStyleClass().add("danger");
        revoke.disableProperty().bind(model.revokeSelected().executableProperty().not());
        revoke.setOnAction(e -> model.revokeSelected().execute());
        HBox row = new HBox(8, chosen, reason, revoke);
        row.setAlignment(Pos.CENTER_LEFT);
        Label message = new Label();
        message.setId("warrants-message");
        message.getStyleClass().add("text-muted");
        message.textProperty().bind(model.messageProperty());
        VBox bar = new VBox(6, row, message);
        bar.setPadding(new Insets(8, 12, 8, 12));
        return bar;
    }

    /** The status, coloured by what it means for the agent. */
    private static final class StatusCell extends TableCell<WarrantRow, WarrantRow> {
        @Override
        protected void updateItem(WarrantRow row, boolean empty) {
            super.updateItem(row, empty);
            getStyleClass().removeIf(s -> s.startsWith("warrant-status-"));
            if (empty || row == null) {
                setText(null);
                return;
            }
            setText(row.statusText());
            getStyleClass().add("warrant-status-" + row.statusText());
        }
    }
}
