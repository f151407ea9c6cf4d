package org.symbi.app.ui.topology;

import javafx.animation.AnimationTimer;
import javafx.collections.ListChangeListener;
import javafx.geometry.VPos;
import javafx.scene.Cursor;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Background;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The graph itself. Agent nodes, sector labels and conflict links live in one world group, zoomed and
 * panned by a transform; the spokes are a pixel image under it in screen coordinates ({@link SpokeLayer}).
 * One animation timer redraws the spokes only while one is lit or after something moved, so an idle room
 * costs nothing per frame.
 */
final class GraphPane extends Region {
    private static final double SCROLL_ZOOM = 0.002;
    private static final double LAYER_CACHE_MAX_ZOOM = 2;

    private final TopologyViewModel model;
    private final Viewport viewport;
    private final SpokeLayer spokes;
    private final Group agentLayer = new Group();
    private final Group sectorLayer = new Group();
    private final Group conflictLayer = new Group();
    private final Label hover = new Label();
    private final Map<AgentItem, AgentNode> nodes = new IdentityHashMap<>();
    private final AnimationTimer frames = new AnimationTimer() {
        @Override
        public void handle(long now) {
            // The flow pulses are stamped with System.nanoTime(): read the same clock.
            long nanos = System.nanoTime();
            model.advance(nanos);
            spokes.frame(nanos);
        }
    };
    private double pressX;
    private double pressY;

    GraphPane(TopologyViewModel model, Legend legend) {
        this.model = model;
        this.viewport = model.viewport();
        this.spokes = new SpokeLayer(model, legend);
        getStyleClass().add("topology-graph");
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);

        Translate pan = new Translate();
        pan.xProperty().bind(viewport.panXProperty());
        pan.yProperty().bind(viewport.panYProperty());
        Scale zoom = new Scale();
        zoom.xProperty().bind(viewport.zoomProperty());
        zoom.yProperty().bind(viewport.zoomProperty());
        Group world = new Group(sectorLayer, orchestrator(), agentLayer, conflictLayer);
        world.getTransforms().setAll(pan, zoom);
        hover.getStyleClass().add("topology-hover");
        hover.setMouseTransparent(true);
        hover.setManaged(false);
        hover.setVisible(false);
        getChildren().addAll(spokes, world, hover);
        // The spokes change every frame under traffic, so everything over them is drawn again each frame. In
        // the overview the agents are one cached image (a thousand nodes cost a few microseconds each to draw,
        // even from their own caches); closer in, that image would be huge and few agents are on screen.
        agentLayer.cacheProperty().bind(viewport.zoomProperty().lessThanOrEqualTo(LAYER_CACHE_MAX_ZOOM));

        model.agents().forEach(this::addNode);
        model.agents().addListener((ListChangeListener<AgentItem>) this::agentsChanged);
        model.sectors().addListener((ListChangeListener<TopologyLayout.Sector>) c -> showSectors());
        model.conflictLinks().addListener((ListChangeListener<OpenConflicts.Link>) c -> showConflicts());
        model.layoutVersionProperty().addListener((obs, was, v) -> spokes.stale());
        viewport.zoomProperty().addListener((obs, was, z) -> viewMoved());
        viewport.panXProperty().addListener((obs, was, x) -> viewMoved());
        viewport.panYProperty().addListener((obs, was, y) -> viewMoved());
        legend.onColoursChanged(spokes::stale);
        // A theme switch changes the background the spokes are drawn on.
        backgroundProperty().addListener((obs, was, bg) -> requestLayout());
        model.selectedProperty().addListener((obs, was, now) -> relabel(was, now));
        model.search().currentProperty().addListener((obs, was, now) -> relabel(was, now));
        showSectors();
        showConflicts();
        handleMouse();
        // Animate only while on screen: another view in front stops the timer.
        sceneProperty().addListener((obs, was, scene) -> {
            if (scene == null) {
                frames.stop();
            } else {
                spokes.stale();
                frames.start();
            }
        });
    }

    private Node orchestrator() {
        Circle core = new Circle(SpokeLayer.ORCHESTRATOR_RADIUS);
        core.getStyleClass().add("topology-orchestrator");
        Text name = new Text("orchestrator");
        Text rate = new Text();
        rate.textProperty().bind(model.messageRateProperty().map(r -> String.format("%,d msg/s", r.longValue())));
        for (Text t : List.of(name, rate)) {
            t.getStyleClass().add("topology-orchestrator-label");
            t.setTextOrigin(VPos.TOP);
            t.translateXProperty().bind(t.layoutBoundsProperty().map(b -> -b.getWidth() / 2));
        }
        name.setY(SpokeLayer.ORCHESTRATOR_RADIUS + 4);
        rate.setY(SpokeLayer.ORCHESTRATOR_RADIUS + 18);
        Group g = new Group(core, name, rate);
        g.setMouseTransparent(true);
        return g;
    }

    private void agentsChanged(ListChangeListener.Change<? extends AgentItem> c) {
        while (c.next()) {
            for (AgentItem gone : c.getRemoved()) {
                AgentNode n = nodes.remove(gone);
                agentLayer.getChildren().remove(n);
            }
            if (c.wasAdded()) {
                List<AgentNode> made = new ArrayList<>(c.getAddedSize());
                for (AgentItem a : c.getAddedSubList()) {
                    made.add(new AgentNode(a));
                }
                made.forEach(n -> nodes.put(n.item(), n));
                agentLayer.getChildren().addAll(made);
            }
        }
        spokes.stale();
    }

    private void addNode(AgentItem a) {
        AgentNode n = new AgentNode(a);
        nodes.put(a, n);
        agentLayer.getChildren().add(n);
    }

    private void relabel(AgentItem was, AgentItem now) {
        for (AgentItem a : new AgentItem[] {was, now}) {
            AgentNode n = a == null ? null : nodes.get(a);
            if (n != null) {
                n.labelled(a == model.selectedProperty().get() || a == model.search().currentProperty().get());
            }
        }
    }

    private void showSectors() {
        List<Node> labels = new ArrayList<>();
        for (TopologyLayout.Sector s : model.sectors()) {
            Text t = new Text(s.labelX(), s.labelY(), s.name() + " · " + s.size());
            t.getStyleClass().add("topology-sector-label");
            t.setTextOrigin(VPos.CENTER);
            double shift = s.labelAnchor() == 0 ? -0.5 : s.labelAnchor() < 0 ? -1 : 0;
            t.translateXProperty().bind(t.layoutBoundsProperty().map(b -> b.getWidth() * shift));
            labels.add(t);
        }
        sectorLayer.getChildren().setAll(labels);
    }

    private void showConflicts() {
        for (Node n : conflictLayer.getChildren()) {
            if (n instanceof Line line) {
                line.startXProperty().unbind();
                line.startYProperty().unbind();
                line.endXProperty().unbind();
                line.endYProperty().unbind();
            } else if (n instanceof Text label) {
                label.xProperty().unbind();
                label.yProperty().unbind();
            }
        }
        List<Node> drawn = new ArrayList<>();
        String labelled = null;
        for (OpenConflicts.Link link : model.conflictLinks()) {
            Line line = new Line();
            line.getStyleClass().add("topology-conflict");
            line.setMouseTransparent(true);
            line.startXProperty().bind(link.first().xProperty());
            line.startYProperty().bind(link.first().yProperty());
            line.endXProperty().bind(link.other().xProperty());
            line.endYProperty().bind(link.other().yProperty());
            drawn.add(line);
            if (!link.conflictId().equals(labelled)) {
                labelled = link.conflictId();
                Text resource = new Text(link.resource());
                resource.getStyleClass().add("topology-conflict-label");
                resource.setMouseTransparent(true);
                resource.setTextOrigin(VPos.BOTTOM);
                resource.xProperty().bind(line.startXProperty().add(line.endXProperty()).divide(2));
                resource.yProperty().bind(line.startYProperty().add(line.endYProperty()).divide(2).subtract(3));
                drawn.add(resource);
            }
        }
        conflictLayer.getChildren().setAll(drawn);
    }

    private void handleMouse() {
        setOnMousePressed(e -> {
            pressX = e.getX();
            pressY = e.getY();
        });
        setOnMouseDragged(e -> {
            viewport.panBy(e.getX() - pressX, e.getY() - pressY);
            pressX = e.getX();
            pressY = e.getY();
            setCursor(Cursor.MOVE);
        });
        setOnMouseReleased(e -> setCursor(Cursor.DEFAULT));
        setOnScroll(e -> {
            viewport.zoomAt(Math.exp(e.getDeltaY() * SCROLL_ZOOM), e.getX(), e.getY());
            e.consume();
        });
        agentLayer.setOnMouseClicked(e -> {
            AgentNode n = nodeOf(e.getPickResult().getIntersectedNode());
            if (n != null && e.isStillSincePress()) {
                model.select(n.item().id());
            }
        });
        agentLayer.setOnMouseMoved(e -> showHover(nodeOf(e.getPickResult().getIntersectedNode())));
        agentLayer.setOnMouseExited(e -> showHover(null));
    }

    private static AgentNode nodeOf(Node picked) {
        for (Node n = picked; n != null; n = n.getParent()) {
            if (n instanceof AgentNode a) {
                return a;
            }
        }
        return null;
    }

    private void showHover(AgentNode n) {
        if (n == null) {
            hover.setVisible(false);
            return;
        }
        AgentItem a = n.item();
        hover.setText(a.describe());
        hover.applyCss();
        hover.autosize();
        hover.relocate(Math.min(viewport.screenX(a.x()) + 12, getWidth() - hover.getWidth()),
                viewport.screenY(a.y()) - hover.getHeight() - 6);
        hover.setVisible(true);
    }

    private void viewMoved() {
        spokes.stale();
        hover.setVisible(false);
    }

    @Override
    protected void layoutChildren() {
        viewport.resize(getWidth(), getHeight());
        double scale = getScene() != null && getScene().getWindow() != null ? getScene().getWindow().getRenderScaleX() : 1;
        Background bg = getBackground();
        Color colour = bg != null && !bg.getFills().isEmpty() && bg.getFills().getFirst().getFill() instanceof Color c
                ? c : Color.BLACK;
        spokes.resize(getWidth(), getHeight(), scale, colour);
    }

    /** Agent nodes on the graph now. */
    int agentNodeCount() {
        return agentLayer.getChildren().size();
    }
}
