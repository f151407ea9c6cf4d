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
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The room serving {@code wss://} and {@code https://} with a self-signed certificate made for the test by
 * the JDK's keytool; agents trust it through a trust store holding that certificate alone.
 */
class TlsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final char[] PASSWORD = "room-secret".toCharArray();

    @TempDir
    Path tmp;
    private Path trustStore;
    private LiveRoom room;

    private final AgentHandler echo = (client, task, request) -> client.completeTask(task, Map.of("echo", task.input()));

    @BeforeEach
    void start() throws Exception {
        Path keystore = TestKeystores.keystore(tmp.resolve("room.p12"), PASSWORD, "CN=localhost",
                "SAN=ip:127.0.0.1,dns:localhost");
        trustStore = TestKeystores.trustStore(keystore, PASSWORD, tmp.resolve("trust.p12"));
        room = new LiveRoom(Files.createDirectories(tmp.resolve("data")),
                config -> config.withTls(keystore, new String(PASSWORD)));
    }

    @AfterEach
    void stop() {
        room.close();
    }

    private AgentOptions trusting() throws IOException {
        return AgentOptions.defaults().withTrustStore(trustStore, PASSWORD);
    }

    @Test
    void anAgentWorksOverWssAndRestAnswersOverHttps() throws Exception {
        assertThat(room.uri().getScheme()).isEqualTo("wss");
        try (AgentClient client = AgentClient.connect(room.uri(), room.token("echo-tls", "echo"),
                AgentCard.of("echo-tls", "echo", List.of("echo")), echo, trusting())) {
            room.awaitOnline("echo-tls", WAIT);
            TaskView done = room.runTask("t-tls", "echo", JsonNodeFactory.instance.textNode("sealed"), WAIT);
            assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(done.result().path("echo").asText()).isEqualTo("sealed");
        }

        try (HttpClient https = HttpClient.newBuilder().sslContext(trusting().sslContext()).build()) {
            HttpResponse<String> task = https.send(HttpRequest.newBuilder(
                            URI.create(room.httpUri() + "/api/tasks/t-tls"))
                    .header("Authorization", "Bearer " + room.token("reader", "echo")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(room.httpUri().getScheme()).isEqualTo("https");
            assertThat(task.statusCode()).isEqualTo(200);
            assertThat(task.body()).contains("\"status\":\"completed\"");
        }
    }

    @Test
    void anAgentThatPollsWorksOverHttps() throws Exception {
        try (AgentClient client = AgentClient.connect(room.httpUri(), room.token("poller-tls", "echo"),
                AgentCard.of("poller-tls", "echo", List.of("echo")), echo, trusting())) {
            room.awaitOnline("poller-tls", WAIT);
            TaskView done = room.runTask("t-poll", "echo", JsonNodeFactory.instance.textNode("polled"), WAIT);
            assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
        }
    }

    @Test
    void withoutTheRoomsCertificateTheHandshakeIsRefused() {
        assertThatThrownBy(() -> AgentClient.connect(room.uri(), room.token("stranger", "echo"),
                AgentCard.of("stranger", "echo", List.of("echo")), echo))
                .isInstanceOf(IOException.class).satisfies(e -> assertThat(causes(e))
                        .anySatisfy(c -> assertThat(c).isInstanceOf(SSLHandshakeException.class)));
    }

    /** The exception and its causes, outermost first. */
    static List<Throwable> causes(Throwable t) {
        List<Throwable> chain = new java.util.ArrayList<>();
        for (Throwable c = t; c != null; c = c.getCause()) {
            chain.add(c);
        }
        return chain;
    }

    @Test
    void plainWebSocketToTheTlsPortFailsCleanlyAndTheRoomServesOn() throws Exception {
        URI plain = URI.create("ws://127.0.0.1:" + room.uri().getPort() + "/ws");
        long before = System.nanoTime();
        try (HttpClient http = HttpClient.newHttpClient()) {
            assertThatThrownBy(() -> http.newWebSocketBuilder()
                    .header("Authorization", "Bearer " + room.token("plain", "echo"))
                    .buildAsync(plain, new WebSocket.Listener() { }).get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IOException.class);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(5));
        assertThatThrownBy(() -> AgentClient.connect(plain, room.token("plain", "echo"),
                AgentCard.of("plain", "echo", List.of("echo")), echo)).isInstanceOf(IOException.class);

        try (AgentClient client = AgentClient.connect(room.uri(), room.token("after", "echo"),
                AgentCard.of("after", "echo", List.of("echo")), echo, trusting())) {
            assertThat(client.session().agentId()).isEqualTo("after");
        }
    }
}
