package org.symbi.kernel.supervisor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.store.DataDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class AdminTokenTest {
    @Test
    void theTokenIsOwnerOnlyRandomAndStableAcrossRuns(@TempDir Path tmp) throws IOException {
        DataDir dir = new DataDir(tmp);
        assertThat(AdminToken.read(dir)).isEmpty();
        AdminToken first = AdminToken.loadOrCreate(dir);
        Path file = tmp.resolve(AdminToken.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Base64.getUrlDecoder().decode(first.value())).hasSize(32);
        AdminToken again = AdminToken.loadOrCreate(dir);
        assertThat(again.value()).isEqualTo(first.value());
        assertThat(AdminToken.read(dir).orElseThrow().value()).isEqualTo(first.value());
        assertThat(first.matches(first.value())).isTrue();
        assertThat(first.matches(first.value() + "x")).isFalse();
        assertThat(first.matches(null)).isFalse();
        assertThat(first.toString()).doesNotContain(first.value());
        assertThat(AdminToken.loadOrCreate(new DataDir(tmp.resolve("other"))).value()).isNotEqualTo(first.value());
    }

    @Test
    void theRoomFileNamesTheRunningInstanceUntilItIsRemoved(@TempDir Path tmp) {
        DataDir dir = new DataDir(tmp);
        assertThat(RoomFile.running(dir)).isEmpty();
        RoomFile.write(dir, "http://127.0.0.1:7420", Instant.parse("2026-01-01T00:00:00Z"));
        RoomFile room = RoomFile.running(dir).orElseThrow();
        assertThat(room.url()).isEqualTo("http://127.0.0.1:7420");
        assertThat(room.pid()).isEqualTo(ProcessHandle.current().pid());
        RoomFile.remove(dir);
        assertThat(RoomFile.running(dir)).isEmpty();
    }
}
