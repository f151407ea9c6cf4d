package org.symbi.app.ui.requests;

import javafx.scene.Node;
import org.symbi.app.ui.RoomContext;
import org.symbi.app.ui.RoomFeature;

/** People's requests to the team, first in the room's navigation. */
public final class RequestsFeature implements RoomFeature {
    /** It tells the desktop when a plan waits for confirmation or a request ends. */
    @Override
    public boolean watchesFromStart() {
        return true;
    }

    @Override
    public String title() {
        return "Requests";
    }

    @Override
    public Node createView(RoomContext context) {
        return new RequestsView(new RequestsViewModel(context));
    }
}
