package org.symbi.agents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.symbi.sdk.RoomCertificate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * A built-in agent's reads and commands over the room's HTTP APIs: the REST API with the agent's own token
 * (docs/openapi.yaml) and, for agents a template trusts with it, the admin API with the room's admin token
 * (docs/admin-api.md). The agent token is traded for a fresh one at {@code POST /api/agents/token} once half
 * of its life has passed, so a long-running monitor keeps reading.
 */
public final class RoomHttp {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final String adminToken;
    private final HttpClient http;
    private final Clock clock;
    private String agentToken;

    /**
     * @param base       the room's HTTP address, {@code http://HOST:PORT}
     * @param agentToken a token of this agent for the REST API, or null if the agent reads none
     * @param adminToken the room's admin token, or null if the agent may not administer the room
     * @param http       the client to reach the room with ({@link #client(AgentEnv)})
     */
    public RoomHttp(URI base, String agentToken, String adminToken, Clock clock, HttpClient http) {
        this.base = base;
        this.http = http;
        this.agentToken = agentToken;
        this.adminToken = adminToken;
        this.clock = clock;
    }

    /**
     * From the environment the supervisor passes: {@code SYMBI_URL}, {@code SYMBI_TOKEN}, and the admin token
     * as {@code SYMBI_ADMIN_TOKEN} or in the file {@code SYMBI_ADMIN_TOKEN_FILE} (a template names the data
     * directory's {@code admin.token} with {@code {data_dir}/admin.token}).
     */
    public static RoomHttp fromEnv(AgentEnv env) throws IOException {
        String admin = env.find("SYMBI_ADMIN_TOKEN").orElse(null);
        Optional<String> file = env.find("SYMBI_ADMIN_TOKEN_FILE");
        if (admin == null && file.isPresent()) {
            try {
                admin = Files.readString(Path.of(file.get())).strip();
            } catch (IOException e) {
                throw new IOException("cannot read the admin token in SYMBI_ADMIN_TOKEN_FILE " + file.get() + ": "
                        + e.getMessage(), e);
            }
        }
        return new RoomHttp(httpBase(env), env.require("SYMBI_TOKEN"), admin, Clock.systemUTC(), client(env));
    }

    /** An HTTP client for the room: over TLS it trusts the room's certificate when the room named it to the agent. */
    public static HttpClient client(AgentEnv env) throws IOException {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        RoomCertificate.fromEnvironment(env.values()).ifPresent(builder::sslContext);
        return builder.build();
    }

    /**
     * The room's HTTP address for an agent: {@code SYMBI_HTTP_URL} when set, else the one of its socket
     * address {@code SYMBI_URL} ({@code ws://HOST:PORT/ws} gives {@code http://HOST:PORT}).
     */
    public static URI httpBase(AgentEnv env) {
        return env.find("SYMBI_HTTP_URL").map(URI::create)
                .orElseGet(() -> httpBase(URI.create(env.require("SYMBI_URL"))));
    }

    /** The HTTP address of a room's WebSocket or HTTP address: same host and port, {@code https} for TLS. */
    public static URI httpBase(URI roomUri) {
        String scheme = roomUri.getScheme().toLowerCase(Locale.ROOT);
        String http = scheme.equals("wss") || scheme.equals("https") ? "https" : "http";
        return URI.create(http + "://" + roomUri.getRawAuthority());
    }

    public URI base() {
        return base;
    }

    public boolean mayAdminister() {
        return adminToken != null;
    }

    /** {@code GET} on the REST API, e.g. {@code /api/agents}, with the agent's token. */
    public JsonNode get(String pathAndQuery) throws IOException {
        return send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET(), agentToken(), "GET " + pathAndQuery);
    }

    /** {@code POST} of a JSON body on the REST API, e.g. {@code /api/agents/tasks}, with the agent's token. */
    public JsonNode post(String path, JsonNode body) throws IOException {
        return send(json(path, body), agentToken(), "POST " + path);
    }

    /** {@code GET} on the admin API, e.g. {@code /admin/ledger/verify}. */
    public JsonNode adminGet(String path) throws IOException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), requireAdmin(path), "GET " + path);
    }

    /** {@code POST} of a JSON body on the admin API, e.g. {@code /admin/agents/start}. */
    public JsonNode adminPost(String path, JsonNode body) throws IOException {
        return send(json(path, body), requireAdmin(path), "POST " + path);
    }

    private HttpRequest.Builder json(String path, JsonNode body) throws IOException {
        return HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }

    private String requireAdmin(String path) throws IOException {
        if (adminToken == null) {
            throw new IOException(path + " needs the room's admin token: set SYMBI_ADMIN_TOKEN_FILE (or "
                    + "SYMBI_ADMIN_TOKEN) in the agent's template");
        }
        return adminToken;
    }

    /**
     * The agent's token for a call of its own on the REST API: the one it has, or a fresh one once half of
     * its life has passed.
     */
    public synchronized String agentToken() throws IOException {
        if (agentToken == null) {
            throw new IOException("this agent has no token for the REST API");
        }
        JsonNode claims = claims(agentToken);
        long iat = claims.path("iat").asLong(0);
        long exp = claims.path("exp").asLong(0);
        if (exp > 0 && clock.instant().isAfter(Instant.ofEpochSecond(iat + (exp - iat) / 2))) {
            JsonNode renewed = send(HttpRequest.newBuilder(base.resolve("/api/agents/token"))
                    .POST(HttpRequest.BodyPublishers.noBody()), agentToken, "POST /api/agents/token");
            agentToken = renewed.path("token").asText();
        }
        return agentToken;
    }

    /** A JWT's claims, read without checking its signature: only its lifetime is wanted, the room verifies. */
    private static JsonNode claims(String jwt) {
        String[] parts = jwt.split("\\.");
        try {
            return parts.length < 2 ? JSON.createObjectNode()
                    : JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException notAJwt) {
            return JSON.createObjectNode();
        }
    }

    private JsonNode send(HttpRequest.Builder request, String bearer, String what) throws IOException {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(TIMEOUT).header("Authorization", "Bearer " + bearer).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(what + " was interrupted", e);
        }
        JsonNode body;
        try {
            body = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (JsonProcessingException notJson) {
            body = JSON.getNodeFactory().textNode(response.body());
        }
        if (response.statusCode() / 100 != 2) {
            String message = body.path("error").asText(body.path("message").asText(response.body()));
            throw new Refused(response.statusCode(), what + " answered " + response.statusCode() + ": " + message);
        }
        if (body.isTextual()) {
            throw new IOException(what + " answered with something other than JSON: " + response.body());
        }
        return body;
    }

    /** The room answered with an error status. */
    public static final class Refused extends IOException {
        private final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
