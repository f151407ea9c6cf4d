package org.symbi.app.ui;

import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.symbi.app.ui.kit.Theme;
import org.symbi.app.ui.shell.MainView;
import org.symbi.app.ui.shell.MainViewModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code symbi room --startup-time}: timed at the first frame that shows the gateway, not the progress pane. */
@ExtendWith(ApplicationExtension.class)
class StartupTimeTest {
    private final MainViewModel model = new MainViewModel(Theme.LIGHT);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();

    @Start
    void start(Stage stage) {
        Scene scene = new Scene(new MainView(model), 600, 400);
        stage.setScene(scene);
        stage.show();
        StartupTime.measure(scene, model, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), exit::complete);
    }

    @Test
    void printsTheTimeFromTheProcessStartToTheFirstFrameWithTheGatewayAddress(FxRobot robot) throws Exception {
        robot.interact(() -> model.stepBegan("Starting the gateway"));
        robot.interact(() -> { });
        assertThat(exit).isNotDone();

        long before = uptimeMillis();
        robot.interact(() -> model.ready("ws://127.0.0.1:7420/ws", "/data"));

        assertThat(exit.get(5, TimeUnit.SECONDS)).isZero();
        String line = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(line).matches("\\{\"first_frame_ms\":\\d+,\"gateway\":\"ws://127.0.0.1:7420/ws\"}");
        long millis = Long.parseLong(line.replaceAll("\\D*first_frame_ms\":(\\d+).*", "$1"));
        // The process began a little before the JVM did (the launcher), and the process's age is read in 10 ms ticks.
        assertThat(millis).isGreaterThanOrEqualTo(before - 20).isLessThan(uptimeMillis() + 1_000);
    }

    @Test
    void saysWhyAndExitsNonZeroWhenTheRoomCannotStart(FxRobot robot) throws Exception {
        robot.interact(() -> model.failed(new IOException("the gateway's port is in use; choose another with --port")));

        assertThat(exit.get(5, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("the room could not start: the gateway's port is in use");
    }

    private static long uptimeMillis() {
        return ManagementFactory.getRuntimeMXBean().getUptime();
    }
}
