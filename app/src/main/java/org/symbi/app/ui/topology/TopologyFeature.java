package org.symbi.app.ui.topology;

import javafx.scene.Node;
import org.symbi.app.ui.RoomContext;
import org.symbi.app.ui.RoomFeature;

/** The room's map: agents around the orchestrator, with their traffic, locks and conflicts. */
public final class TopologyFeature implements RoomFeature {
    @Override
    public String title() {
        return "Topology";
    }

    @Override
    public Node createView(RoomContext context) {
        return new TopologyView(new TopologyViewModel(context));
    }
}
