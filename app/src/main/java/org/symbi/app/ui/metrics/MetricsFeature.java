package org.symbi.app.ui.metrics;

import javafx.scene.Node;
import org.symbi.app.ui.RoomContext;
import org.symbi.app.ui.RoomFeature;

/** The metrics view in the room's navigation. */
public final class MetricsFeature implements RoomFeature {
    @Override
    public String title() {
        return "Metrics";
    }

    @Override
    public Node createView(RoomContext context) {
        return new MetricsView(new MetricsViewModel(context));
    }
}
