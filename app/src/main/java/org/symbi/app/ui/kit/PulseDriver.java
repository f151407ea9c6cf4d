package org.symbi.app.ui.kit;

import javafx.animation.AnimationTimer;

import java.util.function.LongConsumer;

/**
 * Drains the {@link RoomFeed} once per JavaFX pulse, on the FX thread. It can also report each pulse's
 * timestamp, which is how {@code symbi bench ui} measures frame intervals.
 */
public final class PulseDriver extends AnimationTimer {
    private final RoomFeed feed;
    private volatile LongConsumer pulseListener = nanos -> { };

    public PulseDriver(RoomFeed feed) {
        this.feed = feed;
    }

    /** Receives the nanosecond timestamp of every pulse after the feed has been drained. */
    public void onPulse(LongConsumer listener) {
        this.pulseListener = listener;
    }

    @Override
    public void handle(long now) {
        feed.drain();
        pulseListener.accept(now);
    }
}
