package org.symbi.app.ui;

import javafx.scene.Scene;
import javafx.stage.Stage;
import org.symbi.app.serve.Room;
import org.symbi.app.ui.kit.PulseDriver;
import org.symbi.app.ui.kit.RoomFeed;
import org.symbi.app.ui.kit.Selection;
import org.symbi.app.ui.kit.Theme;
import org.symbi.app.ui.shell.MainView;
import org.symbi.app.ui.shell.MainViewModel;
import org.symbi.app.ui.trace.TracePanel;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The room's window on a stage, and the machinery behind it: the feed, its background threads and the pulse
 * that drains it. Shown at once; {@link #opened(Room)} fills it when the room has opened. The desktop room and
 * {@code symbi screenshots} both build it.
 */
public final class RoomWindow implements AutoCloseable {
    private final ExecutorService background = Executors.newFixedThreadPool(2, Thread.ofPlatform()
            .name("room-ui-work-", 0).daemon().factory());
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
            .name("room-ui-reads").daemon().factory());
    private final RoomFeed feed = new RoomFeed(background, scheduler);
    private final PulseDriver pulses = new PulseDriver(feed);
    private final Stage stage;
    private final MainViewModel model;
    private final MainView view;
    private RoomContext context;

    /** Builds the window on the FX thread and shows it. */
    public RoomWindow(Stage stage, Theme theme, String title, double width, double height) {
        this.stage = stage;
        this.model = new MainViewModel(theme);
        theme.apply();
        model.themeProperty().addListener((obs, was, chosen) -> chosen.apply());
        this.view = new MainView(model);
        Scene scene = new Scene(view, width, height);
        scene.getStylesheets().add(Theme.ROOM_CSS);
        stage.setTitle(title);
        stage.setScene(scene);
        stage.show();
    }

    /** The room has opened: builds the views on it and starts the pulse (FX thread). */
    public RoomContext opened(Room room) {
        context = new RoomContext(room, feed, new Selection(), new DesktopNotifier(stage));
        feed.connect(room.kernel().events());
        view.roomReady(context, RoomFeatures.all(model), TracePanel.create(context));
        model.ready(room.gateway().address(), room.dataDir().root().toString());
        pulses.start();
        return context;
    }

    public MainViewModel model() {
        return model;
    }

    public MainView view() {
        return view;
    }

    public PulseDriver pulses() {
        return pulses;
    }

    /** Stops the pulse and the background work; the room itself is closed by whoever opened it. */
    @Override
    public void close() {
        pulses.stop();
        feed.close();
        background.shutdownNow();
        scheduler.shutdownNow();
    }
}
