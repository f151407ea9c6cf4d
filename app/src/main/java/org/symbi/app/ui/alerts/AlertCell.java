package org.symbi.app.ui.alerts;

import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * One alert in the list: severity, title, source and time, the detail, a deadline if it waits for a decision,
 * and its acknowledge button.
 */
final class AlertCell extends ListCell<Alert> {
    private static final PseudoClass ACKNOWLEDGED = PseudoClass.getPseudoClass("acknowledged");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Label severity = new Label();
    private final Label title = new Label();
    private final Label time = new Label();
    private final Label source = new Label();
    private final Label detail = new Label();
    private final Label deadline = new Label();
    private final Button acknowledge = new Button("Acknowledge");
    private final HBox row;

    AlertCell(AlertsViewModel model) {
        getStyleClass().add("alert-row");
        severity.getStyleClass().add("alert-severity");
        title.getStyleClass().add("alert-title");
        time.getStyleClass().add("text-muted");
        source.getStyleClass().add("alert-source");
        detail.getStyleClass().add("alert-detail");
        detail.setWrapText(true);
        deadline.getStyleClass().add("alert-deadline");
        deadline.managedProperty().bind(deadline.visibleProperty());
        acknowledge.getStyleClass().add("alert-acknowledge");
        acknowledge.setOnAction(e -> model.acknowledge(getItem()));
        for (Region fixed : List.of(severity, source, time, acknowledge)) {
            fixed.setMinWidth(Region.USE_PREF_SIZE);
        }
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox heading = new HBox(8, title, source, spring, time);
        heading.setAlignment(Pos.BASELINE_LEFT);
        VBox text = new VBox(2, heading, detail, deadline);
        text.setMinWidth(0);
        HBox.setHgrow(text, Priority.ALWAYS);
        row = new HBox(10, severity, text, acknowledge);
        row.setAlignment(Pos.CENTER_LEFT);
        setPrefWidth(0); // wrap the detail to the list's width instead of widening the list
    }

    @Override
    protected void updateItem(Alert alert, boolean empty) {
        super.updateItem(alert, empty);
        severity.getStyleClass().removeIf(c -> c.startsWith("alert-severity-"));
        if (empty || alert == null) {
            setGraphic(null);
            pseudoClassStateChanged(ACKNOWLEDGED, false);
            return;
        }
        String level = alert.severity().name().toLowerCase(Locale.ROOT);
        severity.setText(level);
        severity.getStyleClass().add("alert-severity-" + level);
        title.setText(alert.title());
        time.setText(when(alert.at()));
        source.setText(alert.source());
        detail.setText(alert.detail());
        deadline.setVisible(alert.deadline() != null);
        deadline.setText(alert.deadline() == null ? ""
                : "Decide by " + when(alert.deadline()) + "; after that it is settled by priority");
        acknowledge.setVisible(!alert.isAcknowledged());
        pseudoClassStateChanged(ACKNOWLEDGED, alert.isAcknowledged());
        setGraphic(row);
    }

    private static String when(Instant at) {
        ZonedDateTime local = at.atZone(ZoneId.systemDefault());
        return (local.toLocalDate().equals(LocalDate.now()) ? TIME : DATE_TIME).format(local);
    }
}
