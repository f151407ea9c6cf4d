package org.symbi.app.ui;

import org.symbi.app.serve.Room;
import org.symbi.app.ui.kit.Notifier;
import org.symbi.app.ui.kit.RoomFeed;
import org.symbi.app.ui.kit.Selection;
import org.symbi.gateway.GatewayConfig;
import org.symbi.store.DataDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real room on a temporary data directory (database, kernel, ledger, gateway on a free port, local agents)
 * with a feed that runs background work on the calling thread: a test acts, calls {@link #drain()} (what a
 * pulse does) and asserts. View-model tests use it without JavaFX; TestFX tests call {@code drain()} inside
 * {@code interact(...)}.
 */
public final class RoomFixture implements AutoCloseable {
    /** A notification the room raised. */
    public record Notification(Notifier.Severity severity, String title, String text) {
    }

    private final Room room;
    private final RoomFeed feed;
    private final RoomContext context;
    private final List<Notification> notifications = new CopyOnWriteArrayList<>();

    private RoomFixture(Room room) {
        this.room = room;
        this.feed = new RoomFeed(Runnable::run, null);
        feed.connect(room.kernel().events());
        this.context = new RoomContext(room, feed, new Selection(),
                (severity, title, text) -> notifications.add(new Notification(severity, title, text)));
    }

    public static RoomFixture open(Path dataDir) throws IOException {
        return new RoomFixture(Room.open(new DataDir(dataDir),
                tokens -> GatewayConfig.local(tokens).withAddress("127.0.0.1", 0)));
    }

    public RoomContext context() {
        return context;
    }

    public Room room() {
        return room;
    }

    public RoomFeed feed() {
        return feed;
    }

    /** One pulse's worth of work: runs periodic reads, then hands out everything queued. */
    public void drain() {
        feed.refresh();
        feed.drain();
    }

    public List<Notification> notifications() {
        return notifications;
    }

    @Override
    public void close() {
        feed.close();
        room.close();
    }
}
