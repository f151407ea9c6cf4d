package org.symbi.sdk;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * One WebSocket connection to the room over the JDK's client: the bearer token on the upgrade request,
 * whole text frames in, text frames out one at a time (the JDK allows a single outstanding send).
 */
final class RoomSocket implements Transport.Connection {
    private final Transport.Events events;
    private final String register;
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket ws;
    private final SendQueue queue = new SendQueue();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    private RoomSocket(String register, Transport.Events events) {
        this.register = register;
        this.events = events;
    }

    static CompletableFuture<RoomSocket> open(HttpClient http, URI uri, String token, Duration timeout,
                                              String register, Transport.Events events) {
        RoomSocket socket = new RoomSocket(register, events);
        return http.newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .connectTimeout(timeout)
                .buildAsync(uri, socket.listener())
                .thenApply(ws -> socket);
    }

    @Override
    public CompletableFuture<?> send(String text) {
        WebSocket w = ws;
        CompletableFuture<?> next = queue.then(() -> w.sendText(text, true));
        next.whenComplete((ok, failed) -> {
            if (failed != null) {
                end("send failed: " + failed.getMessage());
                w.abort();
            }
        });
        return next;
    }

    /**
     * A normal close after what was queued has been written, complete once the room has answered it: cutting
     * the connection before that could make the room's side drop frames it has not read yet. Aborts if the
     * room does not answer in time.
     */
    @Override
    public CompletableFuture<?> close(String reason) {
        WebSocket w = ws;
        return queue.then(() -> w.sendClose(WebSocket.NORMAL_CLOSURE, reason)).thenCompose(sent -> ended)
                .orTimeout(2, java.util.concurrent.TimeUnit.SECONDS)
                .whenComplete((ok, failed) -> {
                    w.abort();
                    end("closed by the agent");
                });
    }

    @Override
    public void abort() {
        WebSocket w = ws;
        if (w != null) {
            w.abort();
        }
        end("aborted");
    }

    private void end(String why) {
        if (ended.complete(null)) {
            events.onClosed(this, why);
        }
    }

    private WebSocket.Listener listener() {
        Consumer<String> deliver = text -> events.onFrame(this, text);
        return new WebSocket.Listener() {
            @Override
            public void onOpen(WebSocket webSocket) {
                ws = webSocket;
                // the registration is the first frame of every connection, whether the welcome comes first or not
                send(register);
                events.onOpen(RoomSocket.this);
                webSocket.request(1);
            }

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    String text = partial.toString();
                    partial.setLength(0);
                    deliver.accept(text);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                // the protocol is text only; a binary frame is ignored rather than fatal
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                end("closed by the room: " + statusCode + (reason.isEmpty() ? "" : " " + reason));
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                end("connection failed: " + error.getMessage());
            }
        };
    }
}
