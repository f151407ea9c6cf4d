package org.symbi.app.ui.kit;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * A view's read of the kernel, run one at a time through the feed: asked for while one is under way, it
 * runs once more when that one is done, however often it was asked meanwhile. So a burst of events costs a
 * view two reads, not one per event, and an older result never lands after a newer one. FX thread only.
 */
public final class SingleRead<T> {
    private final RoomFeed feed;
    private final Callable<T> read;
    private final Consumer<T> apply;
    private final Consumer<Throwable> failed;
    private boolean running;
    private boolean askedAgain;

    public SingleRead(RoomFeed feed, Callable<T> read, Consumer<T> apply, Consumer<Throwable> failed) {
        this.feed = feed;
        this.read = read;
        this.apply = apply;
        this.failed = failed;
    }

    /** Reads soon: now, or after the read under way. */
    public void request() {
        if (running) {
            askedAgain = true;
            return;
        }
        running = true;
        feed.submit(read, result -> finish(() -> apply.accept(result)),
                failure -> finish(() -> failed.accept(failure)));
    }

    private void finish(Runnable outcome) {
        running = false;
        outcome.run();
        if (askedAgain) {
            askedAgain = false;
            request();
        }
    }
}
