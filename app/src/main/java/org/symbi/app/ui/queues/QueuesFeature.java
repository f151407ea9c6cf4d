package org.symbi.app.ui.queues;

import javafx.scene.Node;
import org.symbi.app.ui.RoomContext;
import org.symbi.app.ui.RoomFeature;

/** The bus's priority lanes, what waits and what is being processed, and the dead letters. */
public final class QueuesFeature implements RoomFeature {
    /** It records the message rate while other views are shown. */
    @Override
    public boolean watchesFromStart() {
        return true;
    }

    @Override
    public String title() {
        return "Queues";
    }

    @Override
    public Node createView(RoomContext context) {
        return new QueuesView(new QueuesViewModel(context.feed(), context.kernel(), context.selection()));
    }
}
