package org.symbi.sdk;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Writes one at a time, each once the one before has finished, however it finished: a WebSocket allows a
 * single outstanding send, and over REST the order of posts is the order the room takes them in.
 */
final class SendQueue {
    private CompletableFuture<?> last = CompletableFuture.completedFuture(null);

    /** Queues a write; {@code write} starts it once those queued before it are done. */
    synchronized CompletableFuture<?> then(Supplier<CompletableFuture<?>> write) {
        CompletableFuture<?> next = last.handle((ok, failed) -> null).thenCompose(ignored -> write.get());
        last = next;
        return next;
    }
}
