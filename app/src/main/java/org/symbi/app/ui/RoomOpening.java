package org.symbi.app.ui;

import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.symbi.app.serve.BuiltInAgents;
import org.symbi.app.serve.GatewayBinding;
import org.symbi.app.serve.Room;
import org.symbi.store.DataDir;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Opens the room (database, migrations, orchestrator, ledger, gateway, local agents) on a thread of its own from
 * the moment the launcher knows where, so that it starts while JavaFX does; the window follows it once shown.
 */
final class RoomOpening {
    private static final Logger LOG = LoggerFactory.getLogger(RoomOpening.class);

    private final CompletableFuture<Room> room = new CompletableFuture<>();
    private final List<String> stepsBegun = new ArrayList<>();
    private Consumer<String> stepListener;

    private RoomOpening() {
    }

    /** Starts opening the room on a data directory with its gateway where {@code gateway} says and its own agents. */
    static RoomOpening start(DataDir dir, GatewayBinding gateway, BuiltInAgents builtIn) {
        RoomOpening opening = new RoomOpening();
        Thread.ofPlatform().name("room-open").daemon().start(() -> {
            try {
                opening.room.complete(Room.open(dir, gateway, builtIn, opening::stepBegan));
            } catch (Exception | LinkageError e) {
                LOG.error("the room could not open", e);
                opening.room.completeExceptionally(e);
            }
        });
        return opening;
    }

    private void stepBegan(String step) {
        Consumer<String> listener;
        synchronized (this) {
            stepsBegun.add(step);
            listener = stepListener;
        }
        if (listener != null) {
            listener.accept(step);
        }
    }

    /**
     * Follows the opening on the FX thread (call it there): the steps begun so far at once, each later step as it
     * begins, then the open room or why it could not open.
     */
    void follow(Consumer<String> onStep, Consumer<Room> onOpened, Consumer<Throwable> onFailed) {
        List<String> begun;
        synchronized (this) {
            begun = List.copyOf(stepsBegun);
            stepListener = step -> Platform.runLater(() -> onStep.accept(step));
        }
        begun.forEach(onStep);
        room.whenComplete((opened, failure) -> Platform.runLater(() -> {
            if (failure == null) {
                onOpened.accept(opened);
            } else {
                onFailed.accept(failure);
            }
        }));
    }

    /** The room if it has opened, else null. */
    Room openedRoom() {
        return room.isDone() && !room.isCompletedExceptionally() ? room.join() : null;
    }
}
