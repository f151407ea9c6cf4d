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
final class RoomSocket {
    /** Told about one connection's frames and its end; called on the socket's own threads. */
    interface Events {
        /** The connection is up; nothing has been read from it yet. */
        void onOpen(RoomSocket socket);

        void onFrame(RoomSocket socket, String text);

        void onClosed(RoomSocket socket, String why);
    }

    private final Events events;
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket ws;
    private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);
    private volatile boolean ended;

    private RoomSocket(Events events) {
        this.events = events;
    }

    static CompletableFuture<RoomSocket> open(HttpClient http, URI uri, String token, Duration timeout,
                                              Events events) {
        RoomSocket socket = new RoomSocket(events);
        return http.newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .connectTimeout(timeout)
                .buildAsync(uri, socket.listener())
                .thenApply(ws -> socket);
    }

    /** Queues a text frame behind those already being written. */
    synchronized CompletableFuture<?> send(String text) {
        WebSocket w = ws;
        CompletableFuture<?> next = lastSend.handle((ok, failed) -> null)
                .thenCompose(ignored -> w.sendText(text, true));
        lastSend = next;
        next.whenComplete((ok, failed) -> {
            if (failed != null) {
                end("send failed: " + failed.getMessage());
                w.abort();
            }
        });
        return next;
    }

    /** A normal close after what was queued has been written; aborts if the room does not answer in time. */
    CompletableFuture<?> close(String reason) {
        CompletableFuture<?> queued;
        synchronized (this) {
            queued = lastSend;
        }
        WebSocket w = ws;
        return queued.handle((ok, failed) -> null)
                .thenCompose(ignored -> w.sendClose(WebSocket.NORMAL_CLOSURE, reason))
                .orTimeout(2, java.util.concurrent.TimeUnit.SECONDS)
                .whenComplete((ok, failed) -> {
                    w.abort();
                    end("closed by the agent");
                });
    }

    /** Drops the connection without a closing handshake, as a network failure would. */
    void abort() {
        WebSocket w = ws;
        if (w != null) {
            w.abort();
        }
        end("aborted");
    }

    private void end(String why) {
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
        }
        events.onClosed(this, why);
    }

    private WebSocket.Listener listener() {
        Consumer<String> deliver = text -> events.onFrame(this, text);
        return new WebSocket.Listener() {
            @Override
            public void onOpen(WebSocket webSocket) {
                ws = webSocket;
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
