package org.symbi.kernel.guard;

import org.junit.jupiter.api.Test;
import org.symbi.kernel.KernelConfig;
import org.symbi.kernel.ManualClock;
import org.symbi.kernel.events.EventStream;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.MessageType;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class GuardsTest {
    private final ManualClock clock = new ManualClock();
    private final Guards guards = new Guards(KernelConfig.defaults(), clock, new EventStream());

    private Envelope reply() {
        Envelope origin = Envelope.builder().fromAgent("a").toAgent("b")
                .messageType(MessageType.COLLABORATION_INVITE).build();
        return origin.caused().fromAgent("b").toAgent("a").messageType(MessageType.COLLABORATION_INVITE).build();
    }

    @Test
    void aChainEdgeIsForgottenAtTheFirstSweepAfterItsMemoryRanOut() {
        assertThat(guards.check(reply())).isNull();
        assertThat(guards.rememberedEdges()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(110));
        guards.tick();
        assertThat(guards.rememberedEdges()).as("used 110 s ago: still remembered").isEqualTo(1);

        clock.advance(Duration.ofSeconds(11));
        guards.tick();
        assertThat(guards.rememberedEdges()).as("too old, but the last sweep was 11 s ago").isEqualTo(1);

        clock.advance(Duration.ofSeconds(5));
        guards.tick();
        assertThat(guards.rememberedEdges()).isZero();
    }

    @Test
    void anEdgeInUseIsKeptAndKeepsCounting() {
        Envelope again = reply();
        for (int i = 0; i < 5; i++) {
            assertThat(guards.check(again)).isNull();
            clock.advance(Duration.ofMinutes(1));
            guards.tick();
        }
        assertThat(guards.rememberedEdges()).isEqualTo(1);
        int repeats = KernelConfig.defaults().maxChainRepeats();
        Guards.Refusal last = null;
        for (int i = 5; i <= repeats; i++) {
            last = guards.check(again);
        }
        assertThat(last).isNotNull();
        assertThat(last.code()).isEqualTo("causal_loop");
    }
}
