package org.symbi.app.ui;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.kernel.Kernel;

import java.io.IOException;
import java.nio.file.Path;

/** A test on a real room of its own: opened on a temporary data directory before each test, closed after. */
public abstract class RoomTest {
    @TempDir
    protected Path data;
    protected RoomFixture room;
    protected Kernel kernel;

    @BeforeEach
    void openRoom() throws IOException {
        room = RoomFixture.open(data);
        kernel = room.room().kernel();
    }

    @AfterEach
    void closeRoom() {
        room.close();
    }
}
