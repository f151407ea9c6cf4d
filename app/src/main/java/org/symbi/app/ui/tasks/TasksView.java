package org.symbi.app.ui.tasks;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.symbi.app.ui.kit.Forms;
import org.symbi.app.ui.kit.KeptSelection;

import java.util.Optional;

import static javafx.scene.layout.Priority.ALWAYS;

/**
 * Workflows on the left; on the right the chosen one's progress, its task graph in dependency layers
 * coloured by status, and the chosen task with cancel and retry.
 */
public final class TasksView extends BorderPane {
    private final TasksViewModel model;

    public TasksView(TasksViewModel model) {
        this.model = model;
        setId("tasks");
        getStyleClass().add("tasks-view");
        SplitPane split = new SplitPane(workflowList(), workflowPane());
        split.setDividerPositions(0.26);
        setCenter(split);
    }

    private Node workflowList() {
        KeptSelection<WorkflowEntry, Optional<String>> kept = new KeptSelection<>(model.workflows(),
                WorkflowEntry::key, model.selectedWorkflowProperty().map(WorkflowEntry::key));
        ListView<WorkflowEntry> list = new ListView<>(model.workflows());
        list.setId("task-workflows");
        list.setPlaceholder(new Label("No tasks yet"));
        list.setCellFactory(l -> new WorkflowCell());
        kept.attach(list.getSelectionModel(), model::showWorkflow);
        Label truncated = new Label("Showing the workflows of the first " + TasksViewModel.TASK_LIMIT + " tasks");
        truncated.getStyleClass().add("text-muted");
        truncated.setWrapText(true);
        truncated.visibleProperty().bind(model.truncatedProperty());
        truncated.managedProperty().bind(truncated.visibleProperty());
        Label title = new Label("Workflows");
        title.getStyleClass().add("title-4");
        VBox box = new VBox(6, title, list, truncated);
        VBox.setVgrow(list, ALWAYS);
        box.setPadding(new Insets(8));
        box.setMinWidth(180);
        return box;
    }

    private Node workflowPane() {
        Label title = new Label();
        title.setId("task-workflow-title");
        title.getStyleClass().add("title-3");
        title.textProperty().bind(model.selectedWorkflowProperty().map(TasksView::titleOf).orElse("No workflow chosen"));
        ProgressBar progress = new ProgressBar();
        progress.setId("task-progress");
        progress.setPrefWidth(220);
        progress.progressProperty().bind(Bindings.createDoubleBinding(() -> model.totalProperty().get() == 0 ? 0
                : model.completedProperty().get() / (double) model.totalProperty().get(),
                model.completedProperty(), model.totalProperty()));
        Label done = new Label();
        done.setId("task-progress-text");
        done.textProperty().bind(Bindings.createStringBinding(() -> model.completedProperty().get() + " of "
                + model.totalProperty().get() + " done", model.completedProperty(), model.totalProperty()));
        HBox heading = new HBox(12, title, progress, done);
        heading.setAlignment(Pos.CENTER_LEFT);
        heading.setPadding(new Insets(8, 12, 8, 12));

        TaskGraphPane graph = new TaskGraphPane(model.nodes(), model.selectedTaskProperty(), model::selectTask);
        ScrollPane scroll = new ScrollPane(graph);
        scroll.getStyleClass().add("edge-to-edge");

        BorderPane pane = new BorderPane(scroll);
        pane.setTop(heading);
        pane.setBottom(taskDetails());
        return pane;
    }

    private static String titleOf(WorkflowEntry w) {
        if (w.standalone()) {
            return w.title();
        }
        return w.title().isBlank() ? w.workflowId() : w.title();
    }

    private Node taskDetails() {
        Label chosen = new Label();
        chosen.setId("task-chosen");
        chosen.getStyleClass().add("text-bold");
        chosen.textProperty().bind(model.selectedTaskProperty().map(t -> t.name() + " · "
                + t.status().wire().replace('_', ' ')).orElse("Choose a task in the graph"));
        Label detail = new Label();
        detail.getStyleClass().add("text-muted");
        detail.setWrapText(true);
        detail.textProperty().bind(model.selectedTaskProperty().map(t -> t.taskId()
                + (t.agent() != null ? " · " + t.agent() : "") + (t.attempts() > 0 ? " · " + t.attempts()
                + " failed attempts" : "") + (t.detail() != null ? " · " + t.detail() : "")).orElse(""));
        Region spring = new Region();
        HBox.setHgrow(spring, ALWAYS);
        Button cancel = Forms.button("task-cancel", "Cancel task", model.cancelCommand());
        cancel.getStyleClass().add("danger");
        Button retry = Forms.button("task-retry", "Retry task", model.retryCommand());
        retry.getStyleClass().add("accent");
        HBox actions = new HBox(8, chosen, spring, retry, cancel);
        actions.setAlignment(Pos.CENTER_LEFT);
        Label message = new Label();
        message.setId("tasks-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        VBox box = new VBox(4, actions, detail, message);
        box.setPadding(new Insets(8, 12, 8, 12));
        box.getStyleClass().add("task-details");
        return box;
    }


    /** A workflow's title, how many of its tasks are done, and a bar for it. */
    private static final class WorkflowCell extends ListCell<WorkflowEntry> {
        private final Label name = new Label();
        private final Label count = new Label();
        private final ProgressBar bar = new ProgressBar();
        private final VBox lines;

        WorkflowCell() {
            count.getStyleClass().add("text-muted");
            bar.setMaxWidth(Double.MAX_VALUE);
            bar.getStyleClass().add("small");
            Region spring = new Region();
            HBox.setHgrow(spring, ALWAYS);
            lines = new VBox(2, new HBox(6, name, spring, count), bar);
        }

        @Override
        protected void updateItem(WorkflowEntry item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            name.setText(titleOf(item));
            count.setText(item.completed() + "/" + item.total());
            bar.setProgress(item.progress());
            setGraphic(lines);
        }
    }
}
