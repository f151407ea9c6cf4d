package org.symbi.gateway;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class HeldFramesTest {
    @Test
    void everyHolderIsAskedToSendAgainAfterTheSweeperSleptIdle() throws InterruptedException {
        try (HeldFrames held = new HeldFrames(Duration.ofMillis(1))) {
            for (int round = 0; round < 3; round++) {
                CountDownLatch sent = new CountDownLatch(2);
                held.holds(sent::countDown);
                held.holds(sent::countDown);
                assertThat(sent.await(10, TimeUnit.SECONDS)).as("round %d", round).isTrue();
                Thread.sleep(100); // fifty sweeps find nothing held: the sweeper parks until woken
            }
        }
    }

    @Test
    void aHolderThatFailsDoesNotStopTheSweeper() throws InterruptedException {
        try (HeldFrames held = new HeldFrames(Duration.ofMillis(1))) {
            AtomicInteger failures = new AtomicInteger();
            held.holds(() -> {
                failures.incrementAndGet();
                throw new IllegalStateException("socket gone");
            });
            CountDownLatch sent = new CountDownLatch(1);
            held.holds(sent::countDown);
            assertThat(sent.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(failures).hasValue(1);
        }
    }
}
