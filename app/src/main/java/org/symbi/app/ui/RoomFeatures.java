package org.symbi.app.ui;

import java.util.List;

/** The room's views, in navigation order. */
public final class RoomFeatures {
    private RoomFeatures() {
    }

    public static List<RoomFeature> all() {
        return List.of(new org.symbi.app.ui.topology.TopologyFeature());
    }
}
