package org.symbi.sdk;

import org.symbi.protocol.ProtocolCodec;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * How an {@link AgentClient} reaches the room, one connection at a time: over a WebSocket ({@code ws://},
 * {@code wss://}), or over REST with long polling ({@code http://}, {@code https://}) where a socket cannot
 * be held. Either way envelopes go out as JSON text and room frames come in as JSON text, so the client
 * above does not know which one it uses.
 */
interface Transport {

    /**
     * Opens a connection with a token. Presenting {@code register} (the agent's card) is the connection's
     * first act; the room's welcome follows as a frame.
     *
     * @return completes once the connection is up, exceptionally when it cannot be opened
     */
    CompletableFuture<Connection> open(String token, String register, Events events);

    /** One connection to the room. */
    interface Connection {
        /** Queues an envelope behind those already being written. */
        CompletableFuture<?> send(String envelope);

        /** Ends the connection after what was queued has been written. */
        CompletableFuture<?> close(String reason);

        /** Drops the connection at once, as a network failure would. */
        void abort();
    }

    /** Told about one connection's frames and its end, on the transport's own threads. */
    interface Events {
        /** The connection is up; the room's frames follow. */
        void onOpen(Connection connection);

        void onFrame(Connection connection, String frame);

        /** Called once per connection, however it ended. */
        void onClosed(Connection connection, String why);
    }

    /** Events told to three functions. */
    static Events events(Consumer<Connection> onOpen, BiConsumer<Connection, String> onFrame,
                         BiConsumer<Connection, String> onClosed) {
        return new Events() {
            @Override
            public void onOpen(Connection connection) {
                onOpen.accept(connection);
            }

            @Override
            public void onFrame(Connection connection, String frame) {
                onFrame.accept(connection, frame);
            }

            @Override
            public void onClosed(Connection connection, String why) {
                onClosed.accept(connection, why);
            }
        };
    }

    /** The transport an address calls for: its scheme chooses the WebSocket or the REST long poll. */
    static Transport forUri(URI uri, HttpClient http, ProtocolCodec codec, Duration connectTimeout) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "ws", "wss" -> new WebSocketTransport(http, uri, connectTimeout);
            case "http", "https" -> new LongPollTransport(http, uri, codec, connectTimeout);
            default -> throw new IllegalArgumentException("the room's address must be ws://, wss://, http:// or "
                    + "https://, not " + uri);
        };
    }
}
