package org.symbi.app.ui.requests;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** One request in the list: a status badge, the first line of what was asked, the repository and its age. */
final class RequestCell extends ListCell<RequestRow> {
    private final Label status = new Label();
    private final Label text = new Label();
    private final Label age = new Label();
    private final Label repository = new Label();
    private final VBox lines;

    RequestCell() {
        getStyleClass().add("request-row");
        setPrefWidth(0); // the list's width decides, the text is cut: no sideways scrolling
        status.getStyleClass().add("request-status");
        status.setMinWidth(Region.USE_PREF_SIZE);
        text.getStyleClass().add("request-row-text");
        text.setMinWidth(0);
        age.getStyleClass().add("text-muted");
        age.setMinWidth(Region.USE_PREF_SIZE);
        repository.getStyleClass().add("text-muted");
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        repository.setMinWidth(0);
        HBox where = new HBox(6, repository, spring, age);
        where.setAlignment(Pos.CENTER_LEFT);
        lines = new VBox(3, status, text, where);
        lines.setMinWidth(0);
    }

    /** The badge's style for a request's status: {@code request-status-awaiting-confirmation}. */
    static String statusStyle(RequestRow row) {
        return "request-status-" + row.status().wire().replace('_', '-');
    }

    @Override
    protected void updateItem(RequestRow row, boolean empty) {
        super.updateItem(row, empty);
        if (empty || row == null) {
            setGraphic(null);
            return;
        }
        status.setText(row.statusText());
        status.getStyleClass().removeIf(s -> s.startsWith("request-status-"));
        status.getStyleClass().add(statusStyle(row));
        text.setText(row.firstLine());
        age.setText(row.age() + " ago");
        repository.setText(row.repository());
        setGraphic(lines);
    }
}
