package org.symbi.app.ui.tasks;

import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A task graph drawn in dependency layers, left to right: each task a box coloured by its status, an arrow
 * from every task to each task that waits for it. A status change restyles its box; a change of shape (new
 * tasks) redraws the graph.
 */
final class TaskGraphPane extends Pane {
    static final double NODE_WIDTH = 180;
    static final double NODE_HEIGHT = 54;
    private static final double COLUMN_GAP = 64;
    private static final double ROW_GAP = 18;
    private static final double MARGIN = 16;
    private static final double HEAD = 7;

    private final ObservableList<TaskNode> nodes;
    private final ObservableValue<TaskNode> selected;
    private final Consumer<TaskNode> choose;
    private final Map<String, TaskBox> boxes = new HashMap<>();
    /** Where a task stands and what it waits for: what decides the drawing, its status aside. */
    private record Place(String taskId, int layer, int row, List<String> dependsOn) {
    }

    /** The layout drawn, to tell a restyle from a redraw. */
    private List<Place> drawnShape = List.of();

    TaskGraphPane(ObservableList<TaskNode> nodes, ObservableValue<TaskNode> selected, Consumer<TaskNode> choose) {
        this.nodes = nodes;
        this.selected = selected;
        this.choose = choose;
        setId("task-graph");
        getStyleClass().add("task-graph");
        nodes.addListener((ListChangeListener<TaskNode>) c -> update());
        selected.addListener((obs, was, now) -> boxes.values().forEach(TaskBox::markSelection));
        update();
    }

    private static List<Place> shapeOf(List<TaskNode> list) {
        return list.stream().map(n -> new Place(n.taskId(), n.layer(), n.row(), n.dependsOn())).toList();
    }

    private void update() {
        List<Place> shape = shapeOf(nodes);
        if (shape.equals(drawnShape)) {
            nodes.forEach(n -> boxes.get(n.taskId()).show(n));
            return;
        }
        drawnShape = shape;
        getChildren().clear();
        boxes.clear();
        double width = 0;
        double height = 0;
        for (TaskNode n : nodes) {
            TaskBox box = new TaskBox(n);
            box.relocate(x(n), y(n));
            boxes.put(n.taskId(), box);
            width = Math.max(width, x(n) + NODE_WIDTH + MARGIN);
            height = Math.max(height, y(n) + NODE_HEIGHT + MARGIN);
        }
        for (TaskNode n : nodes) {
            for (String dep : n.dependsOn()) {
                TaskBox from = boxes.get(dep);
                if (from != null) {
                    arrow(x(from.node) + NODE_WIDTH, y(from.node) + NODE_HEIGHT / 2, x(n), y(n) + NODE_HEIGHT / 2);
                }
            }
        }
        getChildren().addAll(boxes.values());
        setPrefSize(width, height);
    }

    private static double x(TaskNode n) {
        return MARGIN + n.layer() * (NODE_WIDTH + COLUMN_GAP);
    }

    private static double y(TaskNode n) {
        return MARGIN + n.row() * (NODE_HEIGHT + ROW_GAP);
    }

    private void arrow(double x1, double y1, double x2, double y2) {
        Line line = new Line(x1, y1, x2 - HEAD, y2);
        line.getStyleClass().add("task-edge");
        double angle = Math.atan2(y2 - y1, x2 - x1);
        double back = angle + Math.PI;
        Polygon head = new Polygon(x2, y2,
                x2 + HEAD * Math.cos(back - 0.4), y2 + HEAD * Math.sin(back - 0.4),
                x2 + HEAD * Math.cos(back + 0.4), y2 + HEAD * Math.sin(back + 0.4));
        head.getStyleClass().add("task-edge-head");
        getChildren().addAll(line, head);
    }

    /** One task: its name, and its status with the agent that holds it. */
    private final class TaskBox extends VBox {
        private final Label name = new Label();
        private final Label state = new Label();
        private final Tooltip detail = new Tooltip();
        private TaskNode node;

        TaskBox(TaskNode n) {
            super(2);
            getChildren().addAll(name, state);
            setId("task-node-" + n.taskId());
            getStyleClass().add("task-node");
            setPrefSize(NODE_WIDTH, NODE_HEIGHT);
            setMinSize(NODE_WIDTH, NODE_HEIGHT);
            setMaxSize(NODE_WIDTH, NODE_HEIGHT);
            name.getStyleClass().add("task-node-name");
            state.getStyleClass().add("task-node-state");
            Tooltip.install(this, detail);
            setOnMouseClicked(e -> choose.accept(node));
            show(n);
        }

        void show(TaskNode n) {
            node = n;
            name.setText(n.name());
            String status = n.status().wire().replace('_', ' ');
            state.setText(n.agent() != null ? status + " · " + n.agent() : status);
            detail.setText(n.taskId() + "\n" + (n.detail() != null ? n.detail() : ""));
            getStyleClass().removeIf(c -> c.startsWith("task-status-"));
            getStyleClass().add(statusStyle(n));
            markSelection();
        }

        void markSelection() {
            TaskNode chosen = selected.getValue();
            boolean isChosen = chosen != null && chosen.taskId().equals(node.taskId());
            getStyleClass().remove("task-node-selected");
            if (isChosen) {
                getStyleClass().add("task-node-selected");
            }
        }
    }

    /** The style class of a task's status: task-status-completed, task-status-timed-out, ... */
    static String statusStyle(TaskNode n) {
        return "task-status-" + n.status().wire().replace('_', '-');
    }
}
