package org.symbi.app.ui.topology;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.SVGPath;
import org.symbi.protocol.AgentStatus;
import org.symbi.protocol.Priority;

import java.util.Locale;

/**
 * What the colours mean. Its link swatches are also where the spokes get their colours: the theme's
 * stylesheet colours the swatches, and the spoke raster reads them whenever they change (a theme switch),
 * never per frame.
 */
final class Legend extends FlowPane {
    private final Line idle = swatch("topology-spoke");
    private final Line[] lanes = new Line[FlowPulses.LANES];
    private Runnable onChange = () -> { };

    Legend() {
        super(14, 4);
        getStyleClass().add("topology-legend");
        setAlignment(Pos.CENTER_LEFT);
        for (AgentStatus s : AgentStatus.values()) {
            Circle dot = new Circle(AgentNode.RADIUS);
            dot.getStyleClass().add(AgentNode.statusClass(s));
            getChildren().add(item(dot, s.wire()));
        }
        getChildren().add(item(idle, "idle link"));
        for (Priority p : Priority.values()) {
            lanes[p.lane()] = swatch("topology-flow-" + p.wire());
            getChildren().add(item(lanes[p.lane()], p.wire()));
        }
        SVGPath padlock = new SVGPath();
        padlock.setContent(AgentNode.PADLOCK);
        padlock.getStyleClass().add("topology-lock");
        Line conflict = new Line(0, 0, 18, 0);
        conflict.getStyleClass().add("topology-conflict");
        getChildren().addAll(item(padlock, "holds a lock"), item(conflict, "conflict"));
    }

    private Line swatch(String styleClass) {
        Line line = new Line(0, 0, 18, 0);
        line.getStyleClass().add(styleClass);
        line.setStrokeWidth(3);
        line.strokeProperty().addListener((obs, was, paint) -> onChange.run());
        return line;
    }

    private static Node item(Node swatch, String text) {
        Label label = new Label(text.toLowerCase(Locale.ROOT), swatch);
        label.getStyleClass().add("text-muted");
        label.setMinWidth(Label.USE_PREF_SIZE);
        return label;
    }

    void onColoursChanged(Runnable action) {
        this.onChange = action;
    }

    Color idleColour() {
        return colour(idle.getStroke());
    }

    Color laneColour(int lane) {
        return colour(lanes[lane].getStroke());
    }

    private static Color colour(Paint paint) {
        return paint instanceof Color c ? c : Color.GRAY;
    }

    static int rgb(Color c) {
        return (int) Math.round(c.getRed() * 255) << 16 | (int) Math.round(c.getGreen() * 255) << 8
                | (int) Math.round(c.getBlue() * 255);
    }
}
