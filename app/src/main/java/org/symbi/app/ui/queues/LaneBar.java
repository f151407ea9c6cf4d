package org.symbi.app.ui.queues;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

import java.util.Locale;

/** A lane's depth as a bar whose width follows the depth, and the number beside it. */
final class LaneBar extends HBox {
    private final Region bar = new Region();
    private final Label count = new Label("0");
    private final double fullWidth;

    LaneBar(double fullWidth) {
        super(6);
        this.fullWidth = fullWidth;
        setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("lane-bar");
        bar.setMinWidth(Region.USE_PREF_SIZE);
        bar.setMaxWidth(Region.USE_PREF_SIZE);
        bar.setPrefHeight(10);
        count.getStyleClass().add("lane-count");
        getChildren().addAll(bar, count);
        show(null);
    }

    void show(LaneDepth depth) {
        bar.getStyleClass().removeIf(c -> c.startsWith("lane-bar-"));
        if (depth == null) {
            bar.setPrefWidth(0);
            count.setText("");
            return;
        }
        bar.getStyleClass().add("lane-bar-" + depth.lane().wire());
        // Any waiting message shows at least a sliver, so one message beside thousands is not invisible.
        bar.setPrefWidth(depth.depth() == 0 ? 0 : Math.max(2, depth.share() * fullWidth));
        count.setText(String.format(Locale.ROOT, "%,d", depth.depth()));
    }

    double barWidth() {
        return bar.getPrefWidth();
    }
}
