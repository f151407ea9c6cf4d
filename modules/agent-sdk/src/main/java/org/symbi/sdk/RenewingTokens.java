package org.symbi.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Tokens for successive connections. The room accepts each token on one connection only (its {@code jti}
 * cannot be replayed), so after the first connection a fresh token is asked for at
 * {@code POST /api/agents/token} with the last one, which must not have expired yet: the agent renews
 * ahead of expiry with {@link #refreshIfDue}.
 */
final class RenewingTokens implements Supplier<String> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final System.Logger LOG = System.getLogger(RenewingTokens.class.getName());

    private final HttpClient http;
    private final URI renewUri;
    private String token;
    private boolean spent;

    RenewingTokens(HttpClient http, URI roomUri, String token) {
        this.http = http;
        this.renewUri = renewUri(roomUri);
        this.token = token;
    }

    /** The REST endpoint of the room's address: same host and port, https for wss and https, else http. */
    static URI renewUri(URI roomUri) {
        String scheme = roomUri.getScheme().toLowerCase(java.util.Locale.ROOT);
        String http = scheme.equals("wss") || scheme.equals("https") ? "https" : "http";
        return URI.create(http + "://" + roomUri.getRawAuthority() + "/api/agents/token");
    }

    /** A token not yet presented; renews when the last one was. */
    @Override
    public synchronized String get() {
        if (spent) {
            renew();
        }
        spent = true;
        return token;
    }

    /** Checks every minute whether the token is due for renewal, for as long as {@code timer} runs. */
    void renewAheadOfExpiry(ScheduledExecutorService timer) {
        timer.scheduleWithFixedDelay(() -> {
            try {
                refreshIfDue(System.currentTimeMillis());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "could not renew the agent token: {0}", e.getMessage());
            }
        }, 1, 1, TimeUnit.MINUTES);
    }

    /** Renews when less than half of the token's life is left, so a token for the next connection stays valid. */
    synchronized void refreshIfDue(long nowMillis) {
        long exp = expiresAtMillis(token);
        long iat = issuedAtMillis(token);
        if (exp > 0 && nowMillis > iat + (exp - iat) / 2) {
            renew();
            spent = false;
        }
    }

    private void renew() {
        HttpRequest request = HttpRequest.newBuilder(renewUri).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("token renewal refused (" + response.statusCode() + "): "
                        + response.body());
            }
            token = JSON.readTree(response.body()).path("token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("token renewal failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while renewing the token", e);
        }
    }

    static long expiresAtMillis(String jwt) {
        return claims(jwt).path("exp").asLong(0) * 1000;
    }

    static long issuedAtMillis(String jwt) {
        return claims(jwt).path("iat").asLong(0) * 1000;
    }

    /** The token's claims, read without verifying: only its lifetime is wanted, the room verifies. */
    private static JsonNode claims(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException notAJwt) {
            return JSON.createObjectNode();
        }
    }
}
