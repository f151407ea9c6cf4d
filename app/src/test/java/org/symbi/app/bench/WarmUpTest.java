package org.symbi.app.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class WarmUpTest {
    private final AtomicLong compiledMillis = new AtomicLong();
    private final AtomicLong nanos = new AtomicLong();
    private final WarmUp warmUp = WarmUp.untilCompilersQuiet(compiledMillis::get, nanos::get);

    /** One round of five seconds in which the room's compilers worked {@code roomMillis}. */
    private boolean round(long roomMillis, long loadMillis) {
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        compiledMillis.addAndGet(roomMillis);
        return warmUp.roundEnded(loadMillis);
    }

    @Test
    void itEndsAtTheFirstQuietRoundOnceTheShortestWarmUpHasPassed() {
        warmUp.start();
        assertThat(round(0, 0)).as("quiet, but only 5 s in").isFalse();
        assertThat(round(0, 0)).isFalse();
        assertThat(round(0, 0)).isFalse();
        assertThat(round(1900, 40)).as("20 s in, the room's C2 at work").isFalse();
        assertThat(round(200, 60)).as("260 ms of compiling in 5 s: over 5 %").isFalse();
        assertThat(round(180, 60)).isTrue();
        assertThat(warmUp.outcome()).startsWith("30 s, until the JIT compilers were quiet (room 180 ms, agents 60 ms");
    }

    @Test
    void itEndsAfterTheLongestWarmUpEvenWhileTheCompilersWork() {
        warmUp.start();
        int rounds = 0;
        while (!round(1000, 1000)) {
            rounds++;
        }
        assertThat(rounds + 1).isEqualTo((int) (WarmUp.MAX.toSeconds() / 5));
        assertThat(warmUp.outcome()).startsWith("180 s, the longest allowed");
    }

    @Test
    void aFixedWarmUpIsPassedOnAsSeconds() {
        WarmUp fixed = WarmUp.fixed(Duration.ofSeconds(45));
        assertThat(fixed.argument()).isEqualTo("45");
        assertThat(fixed.outcome()).isEqualTo("45 s, fixed");
        assertThat(warmUp.argument()).isEqualTo("rounds");
    }
}
