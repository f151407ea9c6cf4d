package org.symbi.app.ui.queues;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MessageRateTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private final MessageRate rate = new MessageRate(4 * SECOND);

    @Test
    void countsTheWindowAndFallsToZeroWithoutTraffic() {
        assertThat(rate.perSecond(0)).isZero();
        rate.add(0, 40);
        rate.add(SECOND, 60);
        assertThat(rate.perSecond(2 * SECOND)).isCloseTo(25.0, within(1e-9));

        assertThat(rate.perSecond(4 * SECOND)).as("the first sample left the window").isCloseTo(15.0, within(1e-9));
        assertThat(rate.perSecond(5 * SECOND)).isZero();
    }
}
