package org.symbi.app.ui.alerts;

import javafx.scene.Node;
import org.symbi.app.ui.RoomContext;
import org.symbi.app.ui.RoomFeature;

/** The alerts view in the room's navigation. */
public final class AlertsFeature implements RoomFeature {
    /** It collects alerts and sends them to the desktop while other views are shown. */
    @Override
    public boolean watchesFromStart() {
        return true;
    }

    @Override
    public String title() {
        return "Alerts";
    }

    @Override
    public Node createView(RoomContext context) {
        return new AlertsView(new AlertsViewModel(context));
    }
}
