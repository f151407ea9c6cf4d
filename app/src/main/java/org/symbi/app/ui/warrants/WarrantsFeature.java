package org.symbi.app.ui.warrants;

import javafx.scene.Node;
import org.symbi.app.ui.RoomContext;
import org.symbi.app.ui.RoomFeature;

/** The warrants table in the room's navigation. */
public final class WarrantsFeature implements RoomFeature {
    @Override
    public String title() {
        return "Warrants";
    }

    @Override
    public Node createView(RoomContext context) {
        return new WarrantsView(new WarrantsViewModel(context));
    }
}
