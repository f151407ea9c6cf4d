package org.symbi.app.ui;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.symbi.app.serve.Room;
import org.symbi.app.ui.kit.PulseDriver;
import org.symbi.app.ui.kit.RoomFeed;
import org.symbi.app.ui.kit.Selection;
import org.symbi.app.ui.kit.Theme;
import org.symbi.app.ui.shell.MainView;
import org.symbi.app.ui.shell.MainViewModel;
import org.symbi.app.ui.trace.TracePanel;
import org.symbi.gateway.GatewayConfig;
import org.symbi.store.DataDir;

import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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

    private final ExecutorService background = Executors.newFixedThreadPool(2, Thread.ofPlatform()
            .name("room-ui-work-", 0).daemon().factory());
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
            .name("room-ui-reads").daemon().factory());
    private final RoomFeed feed = new RoomFeed(background, scheduler);
    private final PulseDriver pulses = new PulseDriver(feed);
    private volatile Room room;

    /** Opens the window and blocks until it is closed. */
    public static void run(Options options) {
        OPTIONS.set(options);
        Application.launch(RoomApplication.class);
    }

    @Override
    public void start(Stage stage) {
        Options options = Objects.requireNonNull(OPTIONS.get(), "RoomApplication.run sets the options");
        MainViewModel model = new MainViewModel(options.theme());
        options.theme().apply();
        model.themeProperty().addListener((obs, was, theme) -> theme.apply());
        MainView view = new MainView(model);
        Scene scene = new Scene(view, 1280, 820);
        scene.getStylesheets().add(Theme.ROOM_CSS);
        stage.setTitle("SYMBI Control Room — " + options.dataDir().root());
        stage.setScene(scene);
        stage.show();

        Thread.ofPlatform().name("room-open").daemon().start(() -> {
            try {
                Room opened = Room.open(options.dataDir(),
                        tokens -> GatewayConfig.local(tokens).withAddress(options.host(), options.port()),
                        step -> Platform.runLater(() -> model.stepBegan(step)));
                room = opened;
                Platform.runLater(() -> {
                    RoomContext context = new RoomContext(opened, feed, new Selection(), new DesktopNotifier(stage));
                    feed.connect(opened.kernel().events());
                    view.roomReady(context, RoomFeatures.all(), TracePanel.create(context));
                    model.ready(opened.gateway().address(), options.dataDir().root().toString());
                    pulses.start();
                });
            } catch (Exception | LinkageError e) {
                LOG.error("the room could not open", e);
                Platform.runLater(() -> model.failed(e));
            }
        });
    }

    @Override
    public void stop() {
        pulses.stop();
        feed.close();
        Room r = room;
        if (r != null) {
            r.close();
        }
        background.shutdownNow();
        scheduler.shutdownNow();
    }
}
