package org.symbi.app.ui;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.symbi.app.serve.Room;
import org.symbi.app.ui.kit.Theme;
import org.symbi.app.ui.settings.RoomSettings;
import org.symbi.gateway.GatewayConfig;
import org.symbi.store.DataDir;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The desktop room. The window comes first; the room (database, migrations, kernel, ledger, gateway, local
 * agents) opens behind it while the window shows each step, then the views are built on the open room.
 */
public final class RoomApplication extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(RoomApplication.class);
    private static final AtomicReference<Options> OPTIONS = new AtomicReference<>();

    /** What the launcher chose: the data directory and where the gateway listens. */
    public record Options(DataDir dataDir, String host, int port, Theme theme) {
    }

    private RoomWindow window;
    private volatile Room room;

    /** Opens the window and blocks until it is closed. */
    public static void run(Options options) {
        OPTIONS.set(options);
        Application.launch(RoomApplication.class);
    }

    @Override
    public void start(Stage stage) {
        Options options = Objects.requireNonNull(OPTIONS.get(), "RoomApplication.run sets the options");
        window = new RoomWindow(stage, options.theme(), "SYMBI Control Room — " + options.dataDir().root(), 1280, 820);
        window.model().themeProperty().addListener((obs, was, theme) ->
                Thread.ofVirtual().start(() -> rememberTheme(options.dataDir(), theme)));
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

    /** The theme chosen in the window is the one it opens with next time. */
    private static void rememberTheme(DataDir dir, Theme theme) {
        try {
            RoomSettings.update(dir, settings -> settings.withTheme(theme)).problem()
                    .ifPresent(note -> LOG.warn("saving the theme: {}", note));
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not save the theme in the room's settings", e);
        }
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
