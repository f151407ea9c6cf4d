package org.symbi.agents.deploy;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class HealthCheckTest {
    private final HealthCheck health = new HealthCheck(HttpClient.newHttpClient());

    @TempDir
    Path dir;

    @Test
    void aUrlIsTriedUntilItAnswers2xx() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/health", exchange -> {
            int status = calls.incrementAndGet() < 3 ? 503 : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/health";
            Environment env = Environment.of("staging", "true", url).withHealthTries(5, Duration.ofMillis(20));

            HealthCheck.Outcome o = health.check(env, dir, Map.of());

            assertThat(o.healthy()).isTrue();
            assertThat(o.attempts()).isEqualTo(3);
            assertThat(o.summary()).isEqualTo("healthy after 3 tries: GET " + url + " answered 200");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aCommandIsTriedAsOftenAsConfiguredAndWhatItSaidLastIsKept() throws Exception {
        Environment env = Environment.of("dev", "true", "echo \"checking $SYMBI_ARTIFACT\" >> tries.log; echo down; exit 1")
                .withHealthTries(3, Duration.ofMillis(10));

        HealthCheck.Outcome o = health.check(env, dir, Map.of("SYMBI_ARTIFACT", "app-2"));

        assertThat(o.healthy()).isFalse();
        assertThat(o.attempts()).isEqualTo(3);
        assertThat(o.last()).contains("exit 1 after").endsWith(": down");
        assertThat(Files.readAllLines(dir.resolve("tries.log"))).containsExactly("checking app-2", "checking app-2",
                "checking app-2");
    }

    @Test
    void aUrlNobodyAnswersIsUnhealthy() throws Exception {
        Environment env = Environment.of("dev", "true", "http://127.0.0.1:1/health").withHealthTries(1, Duration.ZERO);
        HealthCheck.Outcome o = health.check(env, dir, Map.of());
        assertThat(o.healthy()).isFalse();
        assertThat(o.summary()).startsWith("unhealthy after 1 try: GET http://127.0.0.1:1/health failed");
    }
}
