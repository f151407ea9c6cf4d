package org.symbi.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** A raw agent on the JDK's WebSocket client: frames as text, waits bounded by a deadline. */
final class TestAgent implements WebSocket.Listener, AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);

    private final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final AtomicInteger pings = new AtomicInteger();
    private WebSocket socket;

    static TestAgent connect(HttpClient http, String url, String bearer) {
        TestAgent agent = new TestAgent();
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(WAIT);
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        agent.socket = builder.buildAsync(URI.create(url), agent).orTimeout(10, TimeUnit.SECONDS).join();
        return agent;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            frames.add(partial.toString());
            partial.setLength(0);
        }
        ws.request(1);
        return null;
    }

    /** The client's WebSocket answers with a pong by itself. */
    @Override
    public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
        pings.incrementAndGet();
        ws.request(1);
        return null;
    }

    int pings() {
        return pings.get();
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        closeCode.complete(-1);
    }

    void send(String text) {
        socket.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
    }

    void sendBinary(byte[] data) {
        socket.sendBinary(ByteBuffer.wrap(data), true).orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** The first frame (received since the last call that took it) containing every fragment. */
    String await(String... fragments) {
        Predicate<String> match = f -> {
            for (String fragment : fragments) {
                if (!f.contains(fragment)) {
                    return false;
                }
            }
            return true;
        };
        for (String f : seen) {
            if (match.test(f)) {
                seen.remove(f);
                return f;
            }
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                String f = frames.poll(50, TimeUnit.MILLISECONDS);
                if (f == null) {
                    continue;
                }
                if (match.test(f)) {
                    return f;
                }
                seen.add(f);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no frame with " + List.of(fragments) + " within " + WAIT + "; got " + seen);
    }

    int awaitClose() {
        return closeCode.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    boolean isOpen() {
        return !closeCode.isDone();
    }

    /** Drops the TCP connection without a close handshake, as a crashed agent would. */
    void kill() {
        socket.abort();
        assertThat(socket.isInputClosed()).isTrue();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }
}
