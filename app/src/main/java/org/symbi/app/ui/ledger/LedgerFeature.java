package org.symbi.app.ui.ledger;

import javafx.scene.Node;
import org.symbi.app.ui.RoomContext;
import org.symbi.app.ui.RoomFeature;

/** The ledger in the room's navigation. */
public final class LedgerFeature implements RoomFeature {
    @Override
    public String title() {
        return "Ledger";
    }

    @Override
    public Node createView(RoomContext context) {
        return new LedgerView(new LedgerViewModel(context));
    }
}
