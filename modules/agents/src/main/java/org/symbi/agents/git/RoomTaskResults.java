package org.symbi.agents.git;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** Task results read from the room's REST API ({@code GET /api/tasks/{id}}) with an agent token. */
public final class RoomTaskResults implements TaskResults {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final URI room;
    private final Tokens tokens;

    /** Gives a valid agent token for each call; may trade an ageing one for a fresh one, over the network. */
    @FunctionalInterface
    public interface Tokens {
        String token() throws IOException;
    }

    /**
     * @param room   the room's HTTP address, {@code http://HOST:PORT}
     * @param tokens a valid agent token for each call (REST calls do not use a token up)
     */
    public RoomTaskResults(URI room, Tokens tokens) {
        this.room = room;
        this.tokens = tokens;
    }

    @Override
    public Optional<JsonNode> resultOf(String taskId) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(room.resolve("/api/tasks/"
                        + URLEncoder.encode(taskId, StandardCharsets.UTF_8).replace("+", "%20")))
                .timeout(TIMEOUT).header("Authorization", "Bearer " + tokens.token()).GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading task " + taskId, e);
        }
        if (response.statusCode() == 404) {
            throw new IOException("the room has no task " + taskId);
        }
        if (response.statusCode() != 200) {
            throw new IOException("the room answered " + response.statusCode() + " for task " + taskId + ": "
                    + response.body());
        }
        JsonNode task = JSON.readTree(response.body());
        if (!"completed".equals(task.path("status").asText())) {
            return Optional.empty();
        }
        JsonNode result = task.get("result");
        return result == null || result.isNull() ? Optional.empty() : Optional.of(result);
    }
}
