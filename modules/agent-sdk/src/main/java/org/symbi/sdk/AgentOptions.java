package org.symbi.sdk;

import java.time.Duration;

/**
 * How an {@link AgentClient} behaves on the wire.
 *
 * @param connectTimeout  how long one connection attempt may take, up to the room's welcome
 * @param backoffMin      the wait before the first reconnect attempt; it doubles per failed attempt
 * @param backoffMax      the longest wait between reconnect attempts
 * @param ackBatch        deliveries acknowledged by one ack at most (1 to 1024)
 * @param ackDelay        how long a delivery id may wait for companions before its ack goes out
 * @param dedupCapacity   how many recent message ids are remembered to recognise redeliveries
 */
public record AgentOptions(Duration connectTimeout, Duration backoffMin, Duration backoffMax, int ackBatch,
                           Duration ackDelay, int dedupCapacity) {

    public static AgentOptions defaults() {
        return new AgentOptions(Duration.ofSeconds(10), Duration.ofMillis(250), Duration.ofSeconds(30), 64,
                Duration.ofMillis(20), 10_000);
    }

    public AgentOptions withBackoff(Duration min, Duration max) {
        return new AgentOptions(connectTimeout, min, max, ackBatch, ackDelay, dedupCapacity);
    }

    public AgentOptions withAcks(int batch, Duration delay) {
        return new AgentOptions(connectTimeout, backoffMin, backoffMax, batch, delay, dedupCapacity);
    }

    public AgentOptions withDedupCapacity(int capacity) {
        return new AgentOptions(connectTimeout, backoffMin, backoffMax, ackBatch, ackDelay, capacity);
    }

    public AgentOptions withConnectTimeout(Duration timeout) {
        return new AgentOptions(timeout, backoffMin, backoffMax, ackBatch, ackDelay, dedupCapacity);
    }

    /** The wait before reconnect attempt {@code attempt} (0-based): doubling, capped, with jitter in [d/2, d]. */
    Duration backoff(int attempt, double random) {
        long min = backoffMin.toMillis();
        long capped = Math.min(backoffMax.toMillis(), min << Math.min(attempt, 20));
        return Duration.ofMillis(capped / 2 + (long) (random * (capped - capped / 2)));
    }
}
