package org.symbi.sdk;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** The room's WebSocket at {@code /ws}: one {@link RoomSocket} per connection, the token on its upgrade request. */
final class WebSocketTransport implements Transport {
    private final HttpClient http;
    private final URI uri;
    private final Duration connectTimeout;

    WebSocketTransport(HttpClient http, URI uri, Duration connectTimeout) {
        this.http = http;
        this.uri = uri;
        this.connectTimeout = connectTimeout;
    }

    @Override
    public CompletableFuture<Connection> open(String token, String register, Events events) {
        return RoomSocket.open(http, uri, token, connectTimeout, register, events).thenApply(s -> s);
    }
}
