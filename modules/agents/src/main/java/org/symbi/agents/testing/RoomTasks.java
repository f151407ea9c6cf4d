package org.symbi.agents.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.symbi.protocol.ProtocolCodec;
import org.symbi.protocol.TaskSpec;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The room's task API as an agent uses it ({@code POST /api/agents/tasks}, {@code GET /api/tasks/{id}}):
 * agents cannot create tasks over their session, only through REST with their token. REST calls do not
 * spend the token, so the token the agent connected with serves until it nears expiry; it is then traded
 * for a fresh one at {@code POST /api/agents/token}.
 */
public final class RoomTasks {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient http;
    private final URI base;
    private final ProtocolCodec codec = new ProtocolCodec();
    private final ObjectMapper json = codec.mapper();
    private String token;

    /**
     * @param roomUri the room's address as agents connect to it: {@code ws://HOST:PORT/ws} or {@code http://HOST:PORT}
     * @param token   a token issued for the agent, e.g. the one it connected with
     */
    public RoomTasks(HttpClient http, URI roomUri, String token) {
        this.http = http;
        String scheme = roomUri.getScheme().toLowerCase(Locale.ROOT);
        this.base = URI.create((scheme.equals("wss") || scheme.equals("https") ? "https" : "http") + "://"
                + roomUri.getRawAuthority());
        this.token = token;
    }

    /** Creates a lone task; answers the room's view of it (task_id, status, …). */
    public JsonNode create(TaskSpec task) throws IOException, InterruptedException {
        HttpResponse<String> r = call(HttpRequest.newBuilder(base.resolve("/api/agents/tasks"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(codec.toPayload(task)))));
        if (r.statusCode() != 201) {
            throw refused("creating task " + task.taskId(), r);
        }
        return json.readTree(r.body()).get(0);
    }

    /** The room's view of a task, or empty when it has none by that id. */
    public Optional<JsonNode> find(String taskId) throws IOException, InterruptedException {
        HttpResponse<String> r = call(HttpRequest.newBuilder(
                base.resolve("/api/tasks/" + URLEncoder.encode(taskId, StandardCharsets.UTF_8))).GET());
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        if (r.statusCode() != 200) {
            throw refused("reading task " + taskId, r);
        }
        return Optional.of(json.readTree(r.body()));
    }

    private HttpResponse<String> call(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(CALL_TIMEOUT).header("Authorization", "Bearer " + currentToken()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Renews once less than half of the token's life is left, while it is still valid to renew with. */
    private synchronized String currentToken() throws IOException, InterruptedException {
        JsonNode claims = claims(token);
        long issued = claims.path("iat").asLong();
        long expires = claims.path("exp").asLong();
        if (expires > issued && Instant.now().getEpochSecond() > issued + (expires - issued) / 2) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/api/agents/token"))
                    .timeout(CALL_TIMEOUT).header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw refused("renewing the agent's token", r);
            }
            token = json.readTree(r.body()).path("token").asText();
        }
        return token;
    }

    private JsonNode claims(String jwt) throws IOException {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            throw new IOException("the agent's token is not a JWT");
        }
        return json.readTree(Base64.getUrlDecoder().decode(parts[1]));
    }

    private static IOException refused(String what, HttpResponse<String> r) {
        return new IOException(what + ": the room answered " + r.statusCode() + " " + r.body());
    }
}
