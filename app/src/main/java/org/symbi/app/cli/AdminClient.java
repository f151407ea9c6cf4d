package org.symbi.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.symbi.kernel.supervisor.AdminToken;
import org.symbi.kernel.supervisor.RoomFile;
import org.symbi.sdk.RoomCertificate;
import org.symbi.store.DataDir;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The admin API of the room or {@code serve} running on a data directory (docs/admin-api.md), for commands
 * that must not open the database while that instance holds it.
 */
final class AdminClient {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String baseUrl;
    private final AdminToken token;

    private AdminClient(String baseUrl, AdminToken token, HttpClient http) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
        this.http = http;
    }

    /**
     * The admin path of one item of a collection, then what follows it: {@code item("agents", id, "stop")} is
     * {@code /admin/agents/ID/stop}. The id is one path segment whatever it holds; a blank one is refused here
     * rather than by a route that does not exist.
     */
    static String item(String collection, String id, String... after) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("the id must not be empty");
        }
        StringBuilder path = new StringBuilder("/admin/").append(collection).append('/')
                .append(URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"));
        for (String segment : after) {
            path.append('/').append(segment);
        }
        return path.toString();
    }

    /**
     * A client for the instance running on this data directory, if one runs. Over TLS it trusts the certificate
     * the instance recorded beside {@code room.json}, which need not name the loopback address it dials.
     */
    static Optional<AdminClient> forRunning(DataDir dir) {
        return RoomFile.running(dir).map(room -> {
            AdminToken token = AdminToken.read(dir).orElseThrow(() -> new IllegalStateException(
                    "a room runs on " + dir.root() + " but its " + AdminToken.FILE + " is missing"));
            HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
            if (room.url().startsWith("https:")) {
                Path pem = RoomFile.certificate(dir).orElseThrow(() -> new IllegalStateException("a room serves TLS on "
                        + dir.root() + " but its " + RoomFile.CERTIFICATE + " is missing"));
                try {
                    http.sslContext(RoomCertificate.sslContext(pem));
                } catch (IOException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }
            return new AdminClient(room.url(), token, http.build());
        });
    }

    /**
     * Reads through the admin API of the room running on the data directory, or, when none runs, with
     * {@code offline}, which opens the data directory itself; both answer the same JSON.
     */
    static JsonNode fromRoomOr(Path data, String adminPath, Callable<JsonNode> offline) throws Exception {
        Optional<AdminClient> room = forRunning(new DataDir(data));
        return room.isPresent() ? room.get().get(adminPath) : offline.call();
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    JsonNode post(String path, JsonNode body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    /** The response's JSON; an error status becomes an exception with the server's own message. */
    private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(request.header("Authorization", "Bearer " + token.value())
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IOException("the room at " + baseUrl + " does not answer: " + e.getMessage(), e);
        }
        JsonNode body = response.body().isBlank() ? JSON.createObjectNode() : parse(response.body());
        if (response.statusCode() / 100 != 2) {
            String message = body.path("error").asText(body.path("message").asText("HTTP " + response.statusCode()));
            throw new IllegalStateException(message);
        }
        return body;
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException notJson) {
            return JSON.createObjectNode().put("message", text.strip());
        }
    }
}
