package org.symbi.kernel.supervisor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.store.DataDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RoomFileTest {
    @TempDir
    Path tmp;

    @Test
    void theRunningInstanceIsFoundAndItsFilesGoWhenItStops() {
        DataDir dir = new DataDir(tmp);
        RoomFile.write(dir, "https://127.0.0.1:7420", Instant.parse("2026-11-21T10:00:00Z"));
        RoomFile.writeCertificate(dir, "-----BEGIN CERTIFICATE-----\n");

        assertThat(RoomFile.running(dir))
                .hasValueSatisfying(r -> assertThat(r.url()).isEqualTo("https://127.0.0.1:7420"));
        assertThat(RoomFile.certificate(dir)).contains(dir.resolve(RoomFile.CERTIFICATE));

        RoomFile.remove(dir);
        assertThat(RoomFile.running(dir)).isEmpty();
        assertThat(RoomFile.certificate(dir)).isEmpty();
    }

    @Test
    void agentsTheRoomStartsAreToldTheCertificateOnlyOverTls() {
        DataDir dir = new DataDir(tmp);
        assertThat(RoomFile.certificateEnvironment(dir, "wss://127.0.0.1:7420/ws")).isEmpty();

        RoomFile.writeCertificate(dir, "-----BEGIN CERTIFICATE-----\n");
        assertThat(RoomFile.certificateEnvironment(dir, "wss://127.0.0.1:7420/ws"))
                .isEqualTo(Map.of(RoomFile.CERTIFICATE_ENV, dir.resolve(RoomFile.CERTIFICATE).toString()));
        assertThat(RoomFile.certificateEnvironment(dir, "ws://127.0.0.1:7420/ws")).isEmpty();

        RoomFile.writeCertificate(dir, null);
        assertThat(Files.exists(dir.resolve(RoomFile.CERTIFICATE))).isFalse();
    }
}
