package org.symbi.kernel.guard;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import org.symbi.kernel.KernelConfig;
import org.symbi.kernel.events.EventStream;
import org.symbi.kernel.events.KernelEvent;
import org.symbi.protocol.Envelope;

import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The kernel's protections against agents that misbehave: a per-agent send rate limit, loop detection by
 * hop count and by repetition within one causal chain, and a circuit breaker per agent that stops routing
 * tasks to an agent that keeps failing them.
 */
public final class Guards {
    /** A refusal by a guard: a stable code (docs/protocol) and a reason for people. */
    public record Refusal(String code, String reason) {
    }

    /** How long a causal chain's edge counts are remembered after their last use. */
    private static final Duration CHAIN_MEMORY = Duration.ofMinutes(2);
    /**
     * How often the forgetting pass runs. It walks every remembered edge, and a room answering many requests
     * remembers one per request, so it runs a few times per memory span rather than on every kernel tick.
     */
    private static final long SWEEP_EVERY_MILLIS = CHAIN_MEMORY.toMillis() / 8;

    private final KernelConfig config;
    private final InstantSource clock;
    private final EventStream events;
    private final RateLimiterRegistry rateLimiters;
    private final CircuitBreakerRegistry breakers;
    private final Map<String, ChainEdge> chainEdges = new ConcurrentHashMap<>();
    private long nextSweepMillis = Long.MIN_VALUE;

    private static final class ChainEdge {
        final AtomicInteger count = new AtomicInteger();
        volatile long lastSeenMillis;
    }

    public Guards(KernelConfig config, InstantSource clock, EventStream events) {
        this.config = config;
        this.clock = clock;
        this.events = events;
        // The limit refreshes ten times a second, so a burst can use at most a tenth of the per-second rate.
        int perPeriod = Math.max(1, config.ratePerSecond() / 10);
        this.rateLimiters = RateLimiterRegistry.of(RateLimiterConfig.custom()
                .limitForPeriod(perPeriod)
                .limitRefreshPeriod(Duration.ofMillis(100))
                .timeoutDuration(Duration.ZERO)
                .build());
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindow(10, 4, CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(30))
                .permittedNumberOfCallsInHalfOpenState(1)
                // A trial assignment that never reports back (agent gone, task cancelled) must not wedge it.
                .maxWaitDurationInHalfOpenState(Duration.ofMinutes(2))
                .clock(clock.withZone(ZoneOffset.UTC))
                .currentTimestampFunction(c -> c.millis(), TimeUnit.MILLISECONDS)
                .build());
    }

    /** Checks a message an agent sends; null when it may pass. Refusals are also published as events. */
    public Refusal check(Envelope e) {
        if (e.hopCount() > config.maxHops()) {
            return trip(e, "hop_limit", "hop count " + e.hopCount() + " exceeds the limit of " + config.maxHops()
                    + "; the message is probably looping");
        }
        if (e.hopCount() > 0) {
            String edge = e.causalChainId() + '|' + e.fromAgent() + '>' + e.toAgent() + '|' + e.messageType().wire();
            ChainEdge c = chainEdges.computeIfAbsent(edge, k -> new ChainEdge());
            c.lastSeenMillis = clock.millis();
            int n = c.count.incrementAndGet();
            if (n > config.maxChainRepeats()) {
                return trip(e, "causal_loop", "causal chain " + e.causalChainId() + " repeated " + e.fromAgent()
                        + " → " + e.toAgent() + " " + n + " times (limit " + config.maxChainRepeats() + ")");
            }
        }
        if (!rateLimiters.rateLimiter(e.fromAgent()).acquirePermission()) {
            return trip(e, "rate_limited", "agent " + e.fromAgent() + " exceeds " + config.ratePerSecond()
                    + " messages per second");
        }
        return null;
    }

    private Refusal trip(Envelope e, String code, String reason) {
        events.publish(new KernelEvent.GuardTripped(clock.instant(), e.fromAgent(), code, reason));
        return new Refusal(code, reason);
    }

    /** True when tasks may be routed to the agent: its breaker is closed, or half-open with a trial left. */
    public boolean mayAssign(String agentId) {
        return breakers.circuitBreaker(agentId).tryAcquirePermission();
    }

    public void taskSucceeded(String agentId, Duration took) {
        breakers.circuitBreaker(agentId).onSuccess(took.toNanos(), TimeUnit.NANOSECONDS);
    }

    public void taskFailed(String agentId, Duration took) {
        CircuitBreaker b = breakers.circuitBreaker(agentId);
        CircuitBreaker.State before = b.getState();
        b.onError(took.toNanos(), TimeUnit.NANOSECONDS, new TaskFailure());
        if (before != CircuitBreaker.State.OPEN && b.getState() == CircuitBreaker.State.OPEN) {
            events.publish(new KernelEvent.GuardTripped(clock.instant(), agentId, "circuit_open",
                    "agent " + agentId + " failed " + Math.round(b.getMetrics().getFailureRate())
                            + "% of its recent tasks; no tasks for it until the breaker half-opens"));
        }
    }

    public CircuitBreaker.State breakerState(String agentId) {
        return breakers.circuitBreaker(agentId).getState();
    }

    /** Forgets causal-chain counts that have not been used for {@link #CHAIN_MEMORY} (and up to a sweep more). */
    public void tick() {
        long now = clock.millis();
        if (now < nextSweepMillis) {
            return;
        }
        nextSweepMillis = now + SWEEP_EVERY_MILLIS;
        long cutoff = now - CHAIN_MEMORY.toMillis();
        chainEdges.values().removeIf(c -> c.lastSeenMillis < cutoff);
    }

    /** How many causal-chain edges are remembered. */
    int rememberedEdges() {
        return chainEdges.size();
    }

    /** The marker the breaker counts as a failed task. */
    private static final class TaskFailure extends RuntimeException {
        TaskFailure() {
            super("task failed", null, false, false);
        }
    }
}
