package org.symbi.app.ui.requests;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;
import org.symbi.app.ui.kit.KeptSelection;

import java.util.List;
import java.util.function.Function;

/**
 * A plan step by step: the step (marked when the room added it, the tooltip saying why), the capabilities
 * it needs, what it comes after and its title; once the plan runs, its task's live status first.
 * Choosing a step of a running plan shows its task's trace.
 */
final class PlanTable extends TableView<PlanRow> {
    private static final String ADDED_MARK = "+ room";

    PlanTable(RequestsViewModel model) {
        // made before the table, so the table's own moves while the rows are replaced are not taken as choices
        KeptSelection<PlanRow, String> kept = new KeptSelection<>(model.planRows(), PlanRow::taskId,
                model.chosenStepProperty());
        super(model.planRows());
        setId("request-plan-table");
        getStyleClass().add("request-plan-table");
        setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setPlaceholder(new Label("No plan yet"));
        setFixedCellSize(30);
        setPrefHeight(30 * 9 + 32);

        TableColumn<PlanRow, PlanRow> state = new TableColumn<>("State");
        state.setId("request-plan-state");
        state.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        state.setCellFactory(c -> new StateCell());
        state.setMinWidth(96);
        state.setPrefWidth(96);
        // every step is only planned until the plan runs: the column shows once there is more to say
        state.visibleProperty().bind(model.selectedProperty().map(RequestRow::ran).orElse(false));
        TableColumn<PlanRow, PlanRow> task = new TableColumn<>("Task");
        task.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        task.setCellFactory(c -> new TaskCell());
        task.setMinWidth(90);
        task.setPrefWidth(150);
        getColumns().setAll(List.of(state, task, text("Capabilities", r -> String.join(", ", r.capabilities()), 90),
                text("After", r -> String.join(", ", r.dependsOn()), 130), text("Title", PlanRow::title, 240)));
        getSortOrder().clear();
        getColumns().forEach(c -> c.setSortable(false));

        setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(PlanRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().remove("request-step-added");
                if (!empty && row != null && row.addedByRoom()) {
                    getStyleClass().add("request-step-added");
                }
            }
        });
        kept.attach(getSelectionModel(), model::selectTask);
    }

    private static TableColumn<PlanRow, String> text(String title, Function<PlanRow, String> value, double width) {
        TableColumn<PlanRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        c.setMinWidth(Math.min(width, 80));
        return c;
    }

    /** The step's state as a badge coloured like the task graph's boxes; the task's agent in its tooltip. */
    private static final class StateCell extends TableCell<PlanRow, PlanRow> {
        private final Label badge = new Label();
        private final Tooltip tip = new Tooltip();

        StateCell() {
            badge.getStyleClass().add("request-step-state");
            tip.setShowDelay(Duration.millis(300));
        }

        @Override
        protected void updateItem(PlanRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            badge.setText(row.statusText());
            badge.getStyleClass().removeIf(s -> s.startsWith("task-status-"));
            badge.getStyleClass().add(row.statusStyle());
            String about = (row.agent() == null ? "" : row.agent()) + (row.agent() != null && row.detail() != null
                    ? " · " : "") + (row.detail() == null ? "" : row.detail());
            tip.setText(about);
            setTooltip(about.isEmpty() ? null : tip);
            setGraphic(badge);
        }
    }

    /** The step's id, with a mark on a step the room added to the plan whose tooltip says why. */
    private static final class TaskCell extends TableCell<PlanRow, PlanRow> {
        private final Label mark = new Label(ADDED_MARK);
        private final Tooltip why = new Tooltip();

        TaskCell() {
            mark.getStyleClass().add("request-added-mark");
            why.setWrapText(true);
            why.setMaxWidth(420);
            why.setShowDelay(Duration.millis(200));
            mark.setTooltip(why);
            setContentDisplay(ContentDisplay.RIGHT);
            setGraphicTextGap(6);
        }

        @Override
        protected void updateItem(PlanRow row, boolean empty) {
            super.updateItem(row, empty);
            setText(empty || row == null ? null : row.taskId());
            if (empty || row == null || !row.addedByRoom()) {
                setGraphic(null);
                return;
            }
            why.setText("Added by the room: " + row.addedBy());
            setGraphic(mark);
        }
    }
}
