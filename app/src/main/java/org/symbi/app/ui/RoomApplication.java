package org.symbi.app.ui;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.symbi.app.serve.Room;
import org.symbi.app.ui.kit.Theme;
import org.symbi.gateway.GatewayConfig;
import org.symbi.store.DataDir;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The desktop room. The window comes first; the room (database, migrations, kernel, ledger, gateway, local
 * agents) opens behind it while the window shows each step, then the views are built on the open room.
 */
public final class RoomApplication extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(RoomApplication.class);
    private static final AtomicReference<Options> OPTIONS = new AtomicReference<>();
    private static final AtomicBoolean MEASURE_STARTUP = new AtomicBoolean();
    private static final AtomicInteger EXIT_STATUS = new AtomicInteger();

    /** What the launcher chose: the data directory and where the gateway listens. */
    public record Options(DataDir dataDir, String host, int port, Theme theme) {
    }

    private RoomWindow window;
    private volatile Room room;

    /**
     * Opens the window and blocks until it is closed; returns the exit status. With {@code measureStartup} it
     * prints the start-up time once the first frame with the gateway's address is drawn, and closes.
     */
    public static int run(Options options, boolean measureStartup) {
        OPTIONS.set(options);
        MEASURE_STARTUP.set(measureStartup);
        Application.launch(RoomApplication.class);
        return EXIT_STATUS.get();
    }

    @Override
    public void start(Stage stage) {
        Options options = Objects.requireNonNull(OPTIONS.get(), "RoomApplication.run sets the options");
        window = new RoomWindow(stage, options.theme(), "SYMBI Control Room — " + options.dataDir().root(), 1280, 820);
        if (MEASURE_STARTUP.get()) {
            StartupTime.measure(stage.getScene(), window.model(), System.out, System.err, status -> {
                EXIT_STATUS.set(status);
                Platform.exit();
            });
        }
        Thread.ofPlatform().name("room-open").daemon().start(() -> {
            try {
                Room opened = Room.open(options.dataDir(),
                        tokens -> GatewayConfig.local(tokens).withAddress(options.host(), options.port()),
                        step -> Platform.runLater(() -> window.model().stepBegan(step)));
                room = opened;
                Platform.runLater(() -> window.opened(opened));
            } catch (Exception | LinkageError e) {
                LOG.error("the room could not open", e);
                Platform.runLater(() -> window.model().failed(e));
            }
        });
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
        Room r = room;
        if (r != null) {
            r.close();
        }
    }
}
