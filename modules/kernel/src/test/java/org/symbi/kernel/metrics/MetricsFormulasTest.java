package org.symbi.kernel.metrics;

import org.junit.jupiter.api.Test;
import org.symbi.protocol.HealthStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Each formula against the worked examples of docs/metrics.md, computed by hand. */
class MetricsFormulasTest {
    private static final double EPS = 1e-9;

    @Test
    void successRateIsCompletedOverOutcomes() {
        // 8 completed, 2 failed: 8 / 10
        assertThat(MetricsFormulas.successRate(8, 2)).isCloseTo(0.8, within(EPS));
        assertThat(MetricsFormulas.successRate(0, 0)).isZero();
    }

    @Test
    void averageResponseTime() {
        // tasks that took 2 s, 4 s and 9 s: 15000 ms / 3
        assertThat(MetricsFormulas.average(15_000, 3)).isCloseTo(5_000.0, within(EPS));
        assertThat(MetricsFormulas.average(0, 0)).isZero();
    }

    @Test
    void trustIsTheBayesianEstimateLessPenalties() {
        // (8+1)/(8+2+2) = 0.75; penalty 0.10·1 + 0.05·2 + 0.02·5 = 0.30; 0.75 · 0.70
        assertThat(MetricsFormulas.trust(8, 2, 1, 2, 5)).isCloseTo(0.525, within(EPS));
        // a newcomer: (0+1)/(0+0+2)
        assertThat(MetricsFormulas.trust(0, 0, 0, 0, 0)).isCloseTo(0.5, within(EPS));
        // 20 completed, none failed: 21/22, no penalty
        assertThat(MetricsFormulas.trust(20, 0, 0, 0, 0)).isCloseTo(21.0 / 22.0, within(EPS));
        // penalties cap at 1: 0.10·12 = 1.2 → trust 0
        assertThat(MetricsFormulas.trust(20, 0, 12, 0, 0)).isZero();
    }

    @Test
    void collaborationWeighsWorkflowShareAndInvitesAnswered() {
        // W = 6/10 = 0.6, R = 3/4 = 0.75: 0.7·0.6 + 0.3·0.75 = 0.42 + 0.225
        assertThat(MetricsFormulas.collaboration(10, 6, 4, 3)).isCloseTo(0.645, within(EPS));
        // no invites received: W alone
        assertThat(MetricsFormulas.collaboration(4, 1, 0, 0)).isCloseTo(0.25, within(EPS));
        // no completions: R alone
        assertThat(MetricsFormulas.collaboration(0, 0, 2, 1)).isCloseTo(0.5, within(EPS));
        assertThat(MetricsFormulas.collaboration(0, 0, 0, 0)).isZero();
    }

    @Test
    void throughputIsMessagesPerSecond() {
        // 12,000 messages in 60 s
        assertThat(MetricsFormulas.throughput(12_000, 60_000)).isCloseTo(200.0, within(EPS));
        assertThat(MetricsFormulas.throughput(5, 0)).isZero();
    }

    @Test
    void conflictResolutionRateIsResolvedOverOpened() {
        // 8 opened, 6 resolved
        assertThat(MetricsFormulas.conflictResolutionRate(8, 6)).isCloseTo(0.75, within(EPS));
        assertThat(MetricsFormulas.conflictResolutionRate(0, 0)).isEqualTo(1.0);
    }

    @Test
    void healthFollowsTheThresholds() {
        // all 10 online, nothing went wrong
        assertThat(MetricsFormulas.health(10, 10, 0, 0)).isEqualTo(HealthStatus.HEALTHY);
        // 3 of 10 offline: 0.3 ≥ 0.2
        assertThat(MetricsFormulas.health(10, 7, 0, 0)).isEqualTo(HealthStatus.DEGRADED);
        // 1 of 10 offline (0.1), but 3 dead letters in the window
        assertThat(MetricsFormulas.health(10, 9, 3, 0)).isEqualTo(HealthStatus.DEGRADED);
        // one breaker tripped among 10
        assertThat(MetricsFormulas.health(10, 10, 0, 1)).isEqualTo(HealthStatus.DEGRADED);
        // 6 of 10 offline: 0.6 ≥ 0.5
        assertThat(MetricsFormulas.health(10, 4, 0, 0)).isEqualTo(HealthStatus.CRITICAL);
        // 120 dead letters in the window
        assertThat(MetricsFormulas.health(10, 10, 120, 0)).isEqualTo(HealthStatus.CRITICAL);
        // 5 of 10 breakers tripped
        assertThat(MetricsFormulas.health(10, 10, 0, 5)).isEqualTo(HealthStatus.CRITICAL);
        // nobody registered yet: nothing is wrong
        assertThat(MetricsFormulas.health(0, 0, 0, 0)).isEqualTo(HealthStatus.HEALTHY);
    }
}
