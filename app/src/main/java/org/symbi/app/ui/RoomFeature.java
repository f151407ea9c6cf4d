package org.symbi.app.ui;

import javafx.scene.Node;

/** One view of the room, as listed in the navigation. */
public interface RoomFeature {
    /** The label in the navigation. */
    String title();

    /** Builds the view, once, on the FX thread, after the room has opened. */
    Node createView(RoomContext context);

    /**
     * Whether the view must exist from the room's start, because its model follows the room even while another
     * view is shown (it collects, records or notifies); the others are built when first shown.
     */
    default boolean watchesFromStart() {
        return false;
    }
}
