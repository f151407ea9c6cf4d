package org.symbi.app.ui;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.symbi.app.serve.Room;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.symbi.app.ui.kit.Theme;
import org.symbi.app.serve.BuiltInAgents;
import org.symbi.app.serve.GatewayBinding;
import org.symbi.app.ui.settings.RoomSettings;
import org.symbi.store.DataDir;

import java.io.IOException;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The desktop room. The room (database, migrations, kernel, ledger, gateway, local agents) starts opening while
 * JavaFX starts; the window shows each step as soon as it is up, then the views are built on the open room.
 */
public final class RoomApplication extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(RoomApplication.class);
    private static final AtomicReference<Options> OPTIONS = new AtomicReference<>();
    private static final AtomicReference<RoomOpening> OPENING = new AtomicReference<>();
    private static final AtomicBoolean MEASURE_STARTUP = new AtomicBoolean();
    private static final AtomicInteger EXIT_STATUS = new AtomicInteger();
    private static final AtomicReference<RenderPipeline> PIPELINE = new AtomicReference<>();

    /** What the launcher chose: the data directory, where the gateway listens, the theme and the built-in agents. */
    public record Options(DataDir dataDir, GatewayBinding gateway, Theme theme, BuiltInAgents builtIn) {
    }

    private RoomWindow window;

    /**
     * Opens the window and blocks until it is closed; returns the exit status. With {@code measureStartup} it
     * prints the start-up time once the first frame with the gateway's address is drawn, and closes.
     */
    public static int run(Options options, boolean measureStartup) {
        OPTIONS.set(options);
        MEASURE_STARTUP.set(measureStartup);
        PIPELINE.set(RenderPipeline.choose(RenderPipeline.noteOfThisUser(), Instant.now()));
        OPENING.set(RoomOpening.start(options.dataDir(), options.gateway(), options.builtIn()));
        Application.launch(RoomApplication.class);
        return EXIT_STATUS.get();
    }

    @Override
    public void start(Stage stage) {
        Options options = Objects.requireNonNull(OPTIONS.get(), "RoomApplication.run sets the options");
        RenderPipeline pipeline = PIPELINE.get();
        Thread.ofVirtual().start(() -> pipeline.learn(Instant.now()));
        window = new RoomWindow(stage, options.theme(), "SYMBI Control Room — " + options.dataDir().root(), 1280, 820);
        window.model().themeProperty().addListener((obs, was, theme) ->
                Thread.ofVirtual().start(() -> rememberTheme(options.dataDir(), theme)));
        if (MEASURE_STARTUP.get()) {
            StartupTime.measure(stage.getScene(), window.model(), System.out, System.err, status -> {
                EXIT_STATUS.set(status);
                Platform.exit();
            });
        }
        OPENING.get().follow(window.model()::stepBegan, room -> {
            window.opened(room);
            afterNextLayout(stage.getScene(), room::startBuiltInAgents);
        }, window.model()::failed);
    }

    /** Runs once the next pulse has laid the scene out: the room is on screen before its agents start. */
    private static void afterNextLayout(Scene scene, Runnable action) {
        Runnable once = new Runnable() {
            @Override
            public void run() {
                scene.removePostLayoutPulseListener(this);
                action.run();
            }
        };
        scene.addPostLayoutPulseListener(once);
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
        Room r = OPENING.get().openedRoom();
        if (r != null) {
            r.close();
        }
    }
}
