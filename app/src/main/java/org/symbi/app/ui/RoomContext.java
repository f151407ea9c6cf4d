package org.symbi.app.ui;

import org.symbi.app.serve.Room;
import org.symbi.app.ui.kit.Notifier;
import org.symbi.app.ui.kit.RoomFeed;
import org.symbi.app.ui.kit.Selection;
import org.symbi.kernel.Kernel;

/**
 * What every view of an open room is built from: the room itself (for commands), the one feed through which
 * its state reaches the UI, the shared selection and the desktop notifier.
 */
public record RoomContext(Room room, RoomFeed feed, Selection selection, Notifier notifier) {
    public Kernel kernel() {
        return room.kernel();
    }
}
