package org.symbi.app.ui.topology;

import javafx.scene.Group;
import javafx.scene.shape.Arc;
import javafx.scene.shape.ArcType;
import javafx.scene.shape.Circle;
import javafx.scene.shape.SVGPath;
import javafx.scene.text.Text;
import javafx.geometry.VPos;
import org.symbi.protocol.AgentStatus;

/**
 * One agent on the graph, made once and restyled only when its item changes: a dot coloured by status, a
 * ring segment showing its load, a badge with its active tasks, a padlock while it holds locks, a halo when
 * selected or found. The parts that most agents do not need are made the first time they are.
 */
final class AgentNode extends Group {
    static final String STYLE_CLASS = "topology-agent";
    static final double RADIUS = 5;
    private static final double BADGE_RADIUS = 3.6;
    /** A padlock about 7 × 8 units, its top left at the origin. */
    static final String PADLOCK = "M0,3.5 h7 v4.5 h-7 z M1,3.5 v-1 a2.5,2.5 0 0 1 5,0 v1 h-1 v-1 a1.5,1.5 0 0 0 -3,0 v1 z";

    private final AgentItem item;
    private final Circle dot = new Circle(RADIUS);
    private Circle halo;
    private Arc loadRing;
    private Group badge;
    private SVGPath padlock;
    private Text label;

    AgentNode(AgentItem item) {
        this.item = item;
        getStyleClass().add(STYLE_CLASS);
        setId("topology-agent-" + item.id());
        // Drawn once into a small bitmap and copied each frame: the software renderer would otherwise
        // rasterise a thousand circles and arcs every frame the spokes change. Redrawn on restyle and zoom.
        setCache(true);
        dot.getStyleClass().addAll("topology-dot", statusClass(item.status()));
        getChildren().add(dot);
        setLayoutX(item.x());
        setLayoutY(item.y());
        item.xProperty().addListener((obs, was, x) -> setLayoutX(x.doubleValue()));
        item.yProperty().addListener((obs, was, y) -> setLayoutY(y.doubleValue()));
        item.statusProperty().addListener((obs, was, status) ->
                dot.getStyleClass().set(dot.getStyleClass().indexOf(statusClass(was)), statusClass(status)));
        item.loadProperty().addListener((obs, was, load) -> showLoad());
        item.activeTasksProperty().addListener((obs, was, tasks) -> showTasks());
        item.locksHeldProperty().addListener((obs, was, locks) -> showLocks());
        item.selectedProperty().addListener((obs, was, on) -> showHalo());
        item.matchedProperty().addListener((obs, was, on) -> showHalo());
        item.inConflictProperty().addListener((obs, was, on) -> {
            if (on) {
                dot.getStyleClass().add("topology-in-conflict");
            } else {
                dot.getStyleClass().remove("topology-in-conflict");
            }
        });
        showLoad();
        showTasks();
        showLocks();
        showHalo();
    }

    AgentItem item() {
        return item;
    }

    static String statusClass(AgentStatus status) {
        return "status-" + status.wire();
    }

    private void showLoad() {
        double load = item.load();
        if (loadRing == null && load <= 0) {
            return;
        }
        if (loadRing == null) {
            loadRing = new Arc(0, 0, RADIUS + 2.5, RADIUS + 2.5, 90, 0);
            loadRing.setType(ArcType.OPEN);
            loadRing.getStyleClass().add("topology-load");
            loadRing.setMouseTransparent(true);
            getChildren().add(loadRing);
        }
        // In steps of 10°: a finer change is not visible at this size, and each change redraws the node.
        loadRing.setLength(-10 * Math.round(load * 36));
        loadRing.setVisible(load > 0);
    }

    /** A badge at the top right with the number of active tasks, as on an app icon. */
    private void showTasks() {
        int tasks = item.activeTasks();
        if (badge == null && tasks == 0) {
            return;
        }
        if (badge == null) {
            Circle disc = new Circle(BADGE_RADIUS);
            disc.getStyleClass().add("topology-badge");
            Text count = new Text();
            count.getStyleClass().add("topology-badge-count");
            count.setTextOrigin(VPos.CENTER);
            count.translateXProperty().bind(count.layoutBoundsProperty().map(b -> -b.getWidth() / 2));
            badge = new Group(disc, count);
            badge.setLayoutX(RADIUS + 1);
            badge.setLayoutY(-RADIUS - 1);
            badge.setMouseTransparent(true);
            getChildren().add(badge);
        }
        ((Text) badge.getChildren().get(1)).setText(tasks > 9 ? "9+" : Integer.toString(tasks));
        badge.setVisible(tasks > 0);
    }

    private void showLocks() {
        int locks = item.locksHeld();
        if (padlock == null && locks == 0) {
            return;
        }
        if (padlock == null) {
            padlock = new SVGPath();
            padlock.setContent(PADLOCK);
            padlock.getStyleClass().add("topology-lock");
            padlock.setLayoutX(-RADIUS - 8);
            padlock.setLayoutY(RADIUS - 6);
            getChildren().add(padlock);
        }
        padlock.setVisible(locks > 0);
    }

    private void showHalo() {
        boolean on = item.isSelected() || item.isMatched();
        if (halo == null && !on) {
            return;
        }
        if (halo == null) {
            halo = new Circle(RADIUS + 3.5);
            halo.getStyleClass().add("topology-halo");
            halo.setMouseTransparent(true);
            getChildren().addFirst(halo);
        }
        halo.getStyleClass().removeAll("topology-selected", "topology-matched");
        halo.getStyleClass().add(item.isSelected() ? "topology-selected" : "topology-matched");
        halo.setVisible(on);
    }

    /** Shows the agent's id under it (for the selected agent and the search's current match). */
    void labelled(boolean show) {
        if (label == null && !show) {
            return;
        }
        if (label == null) {
            label = new Text(item.id());
            label.getStyleClass().add("topology-label");
            label.setTextOrigin(VPos.TOP);
            label.setY(RADIUS + 4);
            label.translateXProperty().bind(label.layoutBoundsProperty().map(b -> -b.getWidth() / 2));
            label.setMouseTransparent(true);
            getChildren().add(label);
        }
        label.setVisible(show);
        if (show) {
            toFront();
        }
    }
}
