package org.symbi.gateway;

/** A token bucket for one connection; holds its burst and refills continuously. Not thread-safe. */
final class TokenBucket {
    private final double perNano;
    private final double capacity;
    private double tokens;
    private long last;

    TokenBucket(int perSecond, long nowNanos) {
        this.perNano = perSecond / 1e9;
        this.capacity = perSecond;
        this.tokens = perSecond;
        this.last = nowNanos;
    }

    boolean tryTake(long nowNanos) {
        tokens = Math.min(capacity, tokens + (nowNanos - last) * perNano);
        last = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
