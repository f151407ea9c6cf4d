package org.symbi.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.agents.BuiltInTeam;
import org.symbi.app.serve.BuiltInAgents;
import org.symbi.app.serve.Room;
import org.symbi.app.serve.RoomTeam;
import org.symbi.gateway.GatewayConfig;
import org.symbi.kernel.supervisor.RoomFile;
import org.symbi.sdk.RoomCertificate;
import org.symbi.sdk.TestKeystores;
import org.symbi.store.DataDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A room serving TLS with a certificate for its public name, not for the loopback address its own agents and the
 * command line dial: they trust the certificate the room records beside {@code room.json}, and nothing else.
 */
@Timeout(120)
class CommandsWithTlsRoomTest {
    private static final char[] PASSWORD = "room-secret".toCharArray();

    @TempDir
    Path tmp;

    @Test
    void theRoomsOwnAgentsAndTheCommandLineReachItOverTls() throws Exception {
        Path keystore = TestKeystores.keystore(tmp.resolve("room.p12"), PASSWORD, "CN=room.example.org",
                "SAN=dns:room.example.org");
        DataDir dir = new DataDir(Files.createDirectories(tmp.resolve("data")));
        try (Room room = Room.open(dir, tokens -> GatewayConfig.local(tokens).withTls(keystore, new String(PASSWORD)));
             Symbi symbi = new Symbi()) {
            assertThat(room.gateway().address()).startsWith("wss://127.0.0.1:");
            Path pem = RoomFile.certificate(dir).orElseThrow();
            assertThat(RoomCertificate.read(pem)).containsExactly(TestKeystores.certificate(keystore, PASSWORD));

            try (BuiltInTeam team = RoomTeam.start(room, new BuiltInAgents(List.of("planner"), List.of()), Map.of())) {
                assertThat(team.failures()).isEmpty();
                assertThat(team.running()).hasSize(1);
            }

            assertThat(symbi.run("agent", "list", "--data", dir.root().toString())).as(symbi.errors()).isZero();
            assertThat(symbi.run("approvals", "--data", dir.root().toString())).as(symbi.errors()).isZero();
            assertThat(symbi.output()).contains("no pending approval requests");
        }
        assertThat(RoomFile.certificate(dir)).isEmpty();
    }

    @Test
    void aRoomWithoutTlsLeavesNoCertificateBehindFromAnEarlierStart() throws Exception {
        DataDir dir = new DataDir(Files.createDirectories(tmp.resolve("data")));
        Files.writeString(dir.resolve(RoomFile.CERTIFICATE), "left from a start with TLS");
        try (Room room = Room.open(dir, GatewayConfig::local)) {
            assertThat(room.gateway().address()).startsWith("ws://");
            assertThat(RoomFile.certificate(dir)).isEmpty();
        }
    }
}
