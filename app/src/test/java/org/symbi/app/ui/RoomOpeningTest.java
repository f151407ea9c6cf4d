package org.symbi.app.ui;

import javafx.application.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.app.serve.Room;
import org.symbi.app.serve.BuiltInAgents;
import org.symbi.app.serve.GatewayBinding;
import org.symbi.store.DataDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The room opens on its own thread from launch; the window follows it from the FX thread whenever it is up. */
@ExtendWith(ApplicationExtension.class)
class RoomOpeningTest {
    @TempDir
    Path data;
    private final List<String> steps = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Room> opened = new CompletableFuture<>();
    private final CompletableFuture<Throwable> failed = new CompletableFuture<>();

    private void follow(FxRobot robot, RoomOpening opening) {
        robot.interact(() -> opening.follow(step -> {
            assertThat(Platform.isFxApplicationThread()).isTrue();
            steps.add(step);
        }, opened::complete, failed::complete));
    }

    @Test
    void aWindowThatComesLateStillSeesEveryStepInOrderThenTheRoom(FxRobot robot) throws Exception {
        RoomOpening opening = RoomOpening.start(new DataDir(data), GatewayBinding.plain("127.0.0.1", 0),
                BuiltInAgents.NONE);
        Thread.sleep(200); // the window usually comes up after the first steps have begun

        follow(robot, opening);

        try (Room room = opened.get(60, TimeUnit.SECONDS)) {
            assertThat(steps).containsExactly("Opening the database and applying migrations",
                    "Starting the orchestrator and checking the ledger", "Starting the gateway",
                    "Starting local agents");
            assertThat(opening.openedRoom()).isSameAs(room);
            assertThat(room.gateway().address()).startsWith("ws://127.0.0.1:");
        }
        assertThat(failed).isNotDone();
    }

    @Test
    void saysWhyTheRoomCouldNotOpen(FxRobot robot) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            RoomOpening opening = RoomOpening.start(new DataDir(data),
                    GatewayBinding.plain("127.0.0.1", taken.getLocalPort()), BuiltInAgents.NONE);

            follow(robot, opening);

            assertThat(failed.get(60, TimeUnit.SECONDS)).hasMessageContaining("the gateway's port is in use");
            assertThat(opening.openedRoom()).isNull();
            assertThat(opened).isNotDone();
        }
    }

    @Test
    void aKeystoreWithoutItsPasswordIsSaidToTheWindow(FxRobot robot) throws Exception {
        Path keystore = Files.writeString(data.resolve("room.p12"), "not opened without a password");
        RoomOpening opening = RoomOpening.start(new DataDir(data),
                new GatewayBinding("127.0.0.1", 0, keystore, null), BuiltInAgents.NONE);

        follow(robot, opening);

        assertThat(failed.get(60, TimeUnit.SECONDS)).hasMessageContaining("the gateway's keystore " + keystore)
                .hasMessageContaining(GatewayBinding.PASSWORD_ENV);
        assertThat(opened).isNotDone();
    }
}
