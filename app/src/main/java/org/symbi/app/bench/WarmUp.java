package org.symbi.app.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How long a two-process benchmark warms up before it measures: a fixed time, or until the JIT compilers of both
 * processes are quiet. On two cores a compiler thread at work takes CPU from the measured traffic, and how long
 * the compilers stay busy depends on the machine: C2 still used 38 % of a core 34 s into the gateway's traffic on
 * a slow day, so a fixed 20 s measured the compiler as much as the room.
 * <p>
 * Until quiet, the load process runs its traffic in rounds of {@link #ROUND} and reports after each how long its
 * own compilers worked; this process adds its own and answers whether another round is needed.
 */
public final class WarmUp {
    static final Duration ROUND = Duration.ofSeconds(5);
    static final Duration MIN = Duration.ofSeconds(20);
    static final Duration MAX = Duration.ofMinutes(3);
    /** A round is quiet when both processes together compiled for at most this share of it. */
    static final double QUIET_SHARE = 0.05;

    private final Duration fixed;
    private final LongSupplier compiledMillis;
    private final LongSupplier nanoTime;
    private long startNanos;
    private long roundStartNanos;
    private long roundStartCompiled;
    private String outcome = "";

    private WarmUp(Duration fixed, LongSupplier compiledMillis, LongSupplier nanoTime) {
        this.fixed = fixed;
        this.compiledMillis = compiledMillis;
        this.nanoTime = nanoTime;
    }

    public static WarmUp fixed(Duration length) {
        return new WarmUp(length, () -> 0, System::nanoTime);
    }

    /** Until the compilers of this process (the room's) and of the load process are quiet. */
    public static WarmUp untilCompilersQuiet() {
        return untilCompilersQuiet(ManagementFactory.getCompilationMXBean()::getTotalCompilationTime, System::nanoTime);
    }

    static WarmUp untilCompilersQuiet(LongSupplier compiledMillis, LongSupplier nanoTime) {
        return new WarmUp(null, compiledMillis, nanoTime);
    }

    /** What the load process is told: the seconds of a fixed warm-up, or {@code rounds}. */
    String argument() {
        return fixed == null ? "rounds" : Long.toString(fixed.toSeconds());
    }

    /** The load process is about to start its traffic. */
    void start() {
        startNanos = nanoTime.getAsLong();
        roundStartNanos = startNanos;
        roundStartCompiled = compiledMillis.getAsLong();
    }

    /**
     * The load process ended a round in which its compilers worked {@code loadCompiledMillis}: true when the
     * warm-up is over, false when another round should run.
     */
    boolean roundEnded(long loadCompiledMillis) {
        long now = nanoTime.getAsLong();
        long compiled = compiledMillis.getAsLong();
        long roomCompiledMillis = compiled - roundStartCompiled;
        double roundMillis = (now - roundStartNanos) / 1e6;
        roundStartNanos = now;
        roundStartCompiled = compiled;
        Duration elapsed = Duration.ofNanos(now - startNanos);
        boolean quiet = roomCompiledMillis + loadCompiledMillis <= QUIET_SHARE * roundMillis;
        String lastRound = "(room " + roomCompiledMillis + " ms, agents " + loadCompiledMillis
                + " ms of compiling in the last " + Math.round(roundMillis) + " ms)";
        if (elapsed.compareTo(MIN) >= 0 && quiet) {
            outcome = elapsed.toSeconds() + " s, until the JIT compilers were quiet " + lastRound;
            return true;
        }
        if (elapsed.compareTo(MAX) >= 0) {
            outcome = elapsed.toSeconds() + " s, the longest allowed, with the JIT compilers still at work " + lastRound;
            return true;
        }
        return false;
    }

    /** How long the warm-up was and why it ended, for the benchmark's notes. */
    String outcome() {
        return fixed == null ? outcome : fixed.toSeconds() + " s, fixed";
    }
}
