package org.symbi.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import org.symbi.protocol.ProtocolCodec;
import org.symbi.protocol.ProtocolException;
import org.symbi.protocol.RoomFrame;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * The room's REST API for agents that cannot hold a WebSocket (behind NAT or a proxy that cuts long-lived
 * connections): the session's terms from {@code GET /api/agents/session}, envelopes out one at a time
 * through {@code POST /api/agents/message} (each answered by its receipt), deliveries in through the long
 * poll {@code GET /api/agents/{id}/deliveries}. REST calls verify the token without consuming it, so one
 * token serves a connection until it expires; a refused token ends the connection and the client connects
 * again with a fresh one.
 */
final class LongPollTransport implements Transport {
    /** How long one long poll may wait on the room; well under the room's limit and common proxy timeouts. */
    static final int POLL_WAIT_SECONDS = 20;
    private static final int POLL_MAX = 100;
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final String base;
    private final ProtocolCodec codec;
    private final Duration connectTimeout;

    LongPollTransport(HttpClient http, URI uri, ProtocolCodec codec, Duration connectTimeout) {
        this.http = http;
        this.base = uri.getScheme() + "://" + uri.getRawAuthority();
        this.codec = codec;
        this.connectTimeout = connectTimeout;
    }

    @Override
    public CompletableFuture<Connection> open(String token, String register, Events events) {
        HttpRequest session = request(token, "/api/agents/session", connectTimeout).GET().build();
        return http.sendAsync(session, HttpResponse.BodyHandlers.ofString()).thenCompose(answer -> {
            if (answer.statusCode() != 200) {
                throw new CompletionException(new IOException("the room refused the session (HTTP "
                        + answer.statusCode() + "): " + answer.body()));
            }
            RoomFrame.Welcome welcome = (RoomFrame.Welcome) codec.decodeFrame(answer.body());
            return new Poller(token, welcome.agentId(), events).start(register, answer.body());
        });
    }

    private HttpRequest.Builder request(String token, String path, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Authorization", "Bearer " + token);
    }

    /** One REST connection: its token, its queue of sends and its long poll. */
    private final class Poller implements Connection {
        private final String token;
        private final String agentId;
        private final Events events;
        private final SendQueue queue = new SendQueue();
        private volatile CompletableFuture<?> poll;
        private volatile boolean ended;

        Poller(String token, String agentId, Events events) {
            this.token = token;
            this.agentId = agentId;
            this.events = events;
        }

        /** Registers; once the room took the card the connection is up, welcomed, and polling. */
        CompletableFuture<Connection> start(String register, String welcome) {
            return http.sendAsync(post(register), HttpResponse.BodyHandlers.ofString()).thenApply(answer -> {
                RoomFrame frame = frameOf(answer);
                if (!(frame instanceof RoomFrame.Receipt r) || r.outcome() == RoomFrame.Outcome.REFUSED) {
                    throw new CompletionException(new IOException("the room refused the registration (HTTP "
                            + answer.statusCode() + "): " + answer.body()));
                }
                events.onOpen(this);
                deliver(welcome);
                poll();
                return this;
            });
        }

        @Override
        public CompletableFuture<?> send(String envelope) {
            if (ended) {
                return CompletableFuture.failedFuture(new IOException("the connection has ended"));
            }
            return queue.then(() -> ended ? CompletableFuture.completedFuture(null)
                    : http.sendAsync(post(envelope), HttpResponse.BodyHandlers.ofString()).handle((answer, failed) -> {
                        if (failed != null) {
                            end("sending failed: " + reason(failed));
                        } else {
                            answered(envelope, answer);
                        }
                        return null;
                    }));
        }

        private HttpRequest post(String envelope) {
            return request(token, "/api/agents/message", SEND_TIMEOUT).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(envelope)).build();
        }

        /** Receipts go up as they are; a refusal without one becomes an error frame naming the envelope. */
        private void answered(String envelope, HttpResponse<String> answer) {
            if (answer.statusCode() == 401) {
                end("the room refused the token: " + answer.body());
                return;
            }
            JsonNode body = json(answer.body());
            if (body != null && body.has("frame")) {
                deliver(answer.body());
            } else if (answer.statusCode() / 100 == 4 && body != null) {
                JsonNode sent = json(envelope);
                String messageId = sent == null ? null : sent.path("message_id").asText(null);
                deliver(codec.encodeFrameToString(new RoomFrame.Error(body.path("code").asText("http_" + answer.statusCode()),
                        body.path("message").asText(answer.body()), messageId)));
            } else {
                end("the room answered HTTP " + answer.statusCode());
            }
        }

        private void poll() {
            if (ended) {
                return;
            }
            HttpRequest request = request(token, "/api/agents/" + URLEncoder.encode(agentId, StandardCharsets.UTF_8)
                    + "/deliveries?wait=" + POLL_WAIT_SECONDS + "&max=" + POLL_MAX,
                    Duration.ofSeconds(POLL_WAIT_SECONDS).plus(SEND_TIMEOUT)).GET().build();
            CompletableFuture<HttpResponse<String>> waiting = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
            poll = waiting;
            waiting.whenComplete((answer, failed) -> {
                if (ended) {
                    return;
                }
                JsonNode frames = failed == null && answer.statusCode() == 200 ? json(answer.body()) : null;
                if (frames == null || !frames.isArray()) {
                    end(failed != null ? "the long poll failed: " + reason(failed)
                            : "the long poll was answered with HTTP " + answer.statusCode() + ": " + answer.body());
                    return;
                }
                frames.forEach(frame -> deliver(frame.toString()));
                poll();
            });
        }

        private void deliver(String frame) {
            if (!ended) {
                events.onFrame(this, frame);
            }
        }

        /** There is nothing to hang up over REST: the connection ends once what was queued has been posted. */
        @Override
        public CompletableFuture<?> close(String reason) {
            return queue.then(() -> CompletableFuture.completedFuture(null)).orTimeout(2, TimeUnit.SECONDS)
                    .whenComplete((ok, failed) -> end("closed by the agent"));
        }

        @Override
        public void abort() {
            end("aborted");
        }

        private void end(String why) {
            synchronized (this) {
                if (ended) {
                    return;
                }
                ended = true;
            }
            CompletableFuture<?> waiting = poll;
            if (waiting != null) {
                waiting.cancel(true);
            }
            events.onClosed(this, why);
        }
    }

    private RoomFrame frameOf(HttpResponse<String> answer) {
        try {
            return codec.decodeFrame(answer.body());
        } catch (ProtocolException notAFrame) {
            return null;
        }
    }

    private JsonNode json(String text) {
        try {
            return codec.mapper().readTree(text);
        } catch (IOException notJson) {
            return null;
        }
    }

    private static String reason(Throwable failed) {
        Throwable cause = failed instanceof CompletionException && failed.getCause() != null ? failed.getCause() : failed;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
