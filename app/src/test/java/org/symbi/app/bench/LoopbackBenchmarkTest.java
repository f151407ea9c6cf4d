package org.symbi.app.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoopbackBenchmarkTest {
    @Test
    void roundTripsThroughTheRelayInASecondProcessAreTimed() throws Exception {
        LoopbackBenchmark.Result r = LoopbackBenchmark.run(500, 64);

        assertThat(r.roundTrips()).isEqualTo(500);
        assertThat(r.bytes()).isEqualTo(64);
        assertThat(r.p50Ms()).isPositive();
        assertThat(r.p99Ms()).isGreaterThanOrEqualTo(r.p50Ms());
    }

    @Test
    void nothingToTimeIsRefused() {
        assertThatThrownBy(() -> LoopbackBenchmark.run(0, 64)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LoopbackBenchmark.run(10, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
