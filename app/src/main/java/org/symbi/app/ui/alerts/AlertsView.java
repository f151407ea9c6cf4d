package org.symbi.app.ui.alerts;

import atlantafx.base.controls.ToggleSwitch;
import javafx.beans.property.BooleanProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.symbi.app.ui.kit.Command;

/**
 * The alerts view: what the kernel, the health monitor and the audit raised, newest first, filtered by
 * severity, with the count still to acknowledge and buttons to acknowledge one or all.
 */
public final class AlertsView extends BorderPane {
    public AlertsView(AlertsViewModel model) {
        getStyleClass().add("alerts-view");
        setTop(toolbar(model));
        ListView<Alert> list = new ListView<>(model.alerts());
        list.setId("alert-list");
        list.setPlaceholder(new Label("No alerts"));
        list.setCellFactory(view -> new AlertCell(model));
        list.getSelectionModel().selectedItemProperty()
                .addListener((obs, was, alert) -> model.selectedProperty().set(alert));
        setCenter(list);
    }

    private static Node toolbar(AlertsViewModel model) {
        Label title = new Label("Alerts");
        title.getStyleClass().add("title-3");
        Label count = new Label();
        count.setId("alerts-unacknowledged");
        count.getStyleClass().add("alerts-unacknowledged");
        count.textProperty().bind(model.unacknowledgedProperty().map(n -> n + " unacknowledged"));
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        ToggleSwitch unacknowledgedOnly = new ToggleSwitch("Unacknowledged only");
        unacknowledgedOnly.setId("filter-unacknowledged");
        unacknowledgedOnly.selectedProperty().bindBidirectional(model.unacknowledgedOnlyProperty());
        HBox bar = new HBox(8, title, count, spring,
                filter("filter-errors", "Errors", model.showErrorsProperty()),
                filter("filter-warnings", "Warnings", model.showWarningsProperty()),
                filter("filter-info", "Info", model.showInfoProperty()),
                unacknowledgedOnly,
                button("acknowledge-selected", "Acknowledge", model.acknowledgeSelected()),
                button("acknowledge-all", "Acknowledge all", model.acknowledgeAll()));
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 12, 8, 12));
        return bar;
    }

    private static ToggleButton filter(String id, String text, BooleanProperty shown) {
        ToggleButton toggle = new ToggleButton(text);
        toggle.setId(id);
        toggle.selectedProperty().bindBidirectional(shown);
        return toggle;
    }

    private static Button button(String id, String text, Command command) {
        Button b = new Button(text);
        b.setId(id);
        b.disableProperty().bind(command.executableProperty().not());
        b.setOnAction(e -> command.execute());
        return b;
    }
}
