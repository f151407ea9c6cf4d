package org.symbi.sdk;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.kernel.task.TaskView;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.TaskStatus;

import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A room whose certificate names its public host, dialled at 127.0.0.1 as the room's own agents and command line
 * dial it: trusting the certificate through a trust store fails the name check, pinning it works, and pinning any
 * other certificate is refused.
 */
class RoomCertificateTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final char[] PASSWORD = "room-secret".toCharArray();

    @TempDir
    Path tmp;
    private Path keystore;
    private Path pem;
    private LiveRoom room;

    private final AgentHandler echo = (client, task, request) -> client.completeTask(task, Map.of("echo", task.input()));

    @BeforeEach
    void start() throws Exception {
        keystore = TestKeystores.keystore(tmp.resolve("room.p12"), PASSWORD, "CN=room.example.org",
                "SAN=dns:room.example.org");
        pem = Files.writeString(tmp.resolve("room-certificate.pem"),
                RoomCertificate.pem(List.of(TestKeystores.certificate(keystore, PASSWORD))));
        room = new LiveRoom(Files.createDirectories(tmp.resolve("data")),
                config -> config.withTls(keystore, new String(PASSWORD)));
    }

    @AfterEach
    void stop() {
        room.close();
    }

    @Test
    void pemTextReadsBackAsTheSameCertificate() throws Exception {
        assertThat(Files.readString(pem)).startsWith("-----BEGIN CERTIFICATE-----\n")
                .endsWith("-----END CERTIFICATE-----\n");
        assertThat(RoomCertificate.read(pem)).containsExactly(TestKeystores.certificate(keystore, PASSWORD));
    }

    @Test
    void anAgentPinningTheRoomsCertificateWorksAtAnAddressTheCertificateDoesNotName() throws Exception {
        try (AgentClient client = AgentClient.connect(room.uri(), room.token("pinned", "echo"),
                AgentCard.of("pinned", "echo", List.of("echo")), echo,
                AgentOptions.defaults().withRoomCertificate(pem))) {
            room.awaitOnline("pinned", WAIT);
            TaskView done = room.runTask("t-pinned", "echo", JsonNodeFactory.instance.textNode("by address"), WAIT);
            assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
        }
        try (HttpClient https = HttpClient.newBuilder()
                .sslContext(RoomCertificate.fromEnvironment(Map.of(RoomCertificate.ENV, pem.toString())).orElseThrow())
                .build()) {
            HttpResponse<String> health = https.send(HttpRequest.newBuilder(
                    URI.create(room.httpUri() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void trustingTheCertificateByTrustStoreStillChecksTheName() throws Exception {
        Path trustStore = TestKeystores.trustStore(keystore, PASSWORD, tmp.resolve("trust.p12"));
        assertThatThrownBy(() -> AgentClient.connect(room.uri(), room.token("by-name", "echo"),
                AgentCard.of("by-name", "echo", List.of("echo")), echo,
                AgentOptions.defaults().withTrustStore(trustStore, PASSWORD)))
                .isInstanceOf(IOException.class).satisfies(e -> assertThat(TlsTest.causes(e))
                        .anySatisfy(c -> assertThat(c).isInstanceOf(SSLHandshakeException.class)));
    }

    @Test
    void pinningAnotherCertificateIsRefused() throws Exception {
        Path other = TestKeystores.keystore(tmp.resolve("other.p12"), PASSWORD, "CN=room.example.org",
                "SAN=dns:room.example.org");
        Path otherPem = Files.writeString(tmp.resolve("other.pem"),
                RoomCertificate.pem(List.of(TestKeystores.certificate(other, PASSWORD))));
        assertThatThrownBy(() -> AgentClient.connect(room.uri(), room.token("impostor", "echo"),
                AgentCard.of("impostor", "echo", List.of("echo")), echo,
                AgentOptions.defaults().withRoomCertificate(otherPem)))
                .isInstanceOf(IOException.class).satisfies(e -> assertThat(TlsTest.causes(e))
                        .anySatisfy(c -> assertThat(c).isInstanceOf(SSLHandshakeException.class)));
    }

    @Test
    void aMissingOrForeignCertificateFileIsAClearError() throws Exception {
        assertThatThrownBy(() -> RoomCertificate.read(tmp.resolve("absent.pem")))
                .isInstanceOf(IOException.class).hasMessageContaining("does not exist");
        Path junk = Files.writeString(tmp.resolve("junk.pem"), "not a certificate");
        assertThatThrownBy(() -> RoomCertificate.read(junk))
                .isInstanceOf(IOException.class).hasMessageContaining("is not a PEM or DER certificate file");
        assertThat(RoomCertificate.fromEnvironment(Map.of())).isEmpty();
    }
}
