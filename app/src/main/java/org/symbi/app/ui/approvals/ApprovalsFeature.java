package org.symbi.app.ui.approvals;

import javafx.scene.Node;
import org.symbi.app.ui.RoomContext;
import org.symbi.app.ui.RoomFeature;

/** The approval inbox in the room's navigation. */
public final class ApprovalsFeature implements RoomFeature {
    /** It tells the desktop of approval requests while other views are shown. */
    @Override
    public boolean watchesFromStart() {
        return true;
    }

    @Override
    public String title() {
        return "Approvals";
    }

    @Override
    public Node createView(RoomContext context) {
        return new ApprovalInboxView(new ApprovalInboxViewModel(context));
    }
}
