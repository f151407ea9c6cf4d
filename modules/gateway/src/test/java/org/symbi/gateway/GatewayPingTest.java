package org.symbi.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.symbi.gateway.GatewayFixture.envelope;

class GatewayPingTest {

    @Test
    void onlyQuietSocketsArePinged(@TempDir Path tmp) throws Exception {
        try (GatewayFixture room = new GatewayFixture(tmp, c -> c.withTimeouts(Duration.ofMillis(100), Duration.ofSeconds(60)));
             TestAgent quiet = room.register("ping-quiet");
             TestAgent chatty = room.register("ping-chatty")) {
            long end = System.nanoTime() + Duration.ofMillis(1_500).toNanos();
            for (int i = 0; System.nanoTime() < end; i++) {
                chatty.send(envelope("hb-" + i, "ping-chatty", "orchestrator", "heartbeat",
                        "{\"status\":\"available\"}", ""));
                Thread.sleep(30);
            }
            assertThat(quiet.pings()).as("a 100 ms ping interval over 1.5 s").isGreaterThanOrEqualTo(5);
            assertThat(chatty.pings()).as("its heartbeats show it alive").isLessThanOrEqualTo(1);
        }
    }

    @Test
    void theReceiptOfARegisterOrHeartbeatCarriesTheHeartbeatInterval(@TempDir Path tmp) throws IOException {
        try (GatewayFixture room = new GatewayFixture(tmp, c -> c);
             TestAgent agent = room.register("pace-1")) {
            long interval = room.kernel.registry().heartbeatInterval().toMillis();
            agent.send(envelope("pace-hb", "pace-1", "orchestrator", "heartbeat", "{\"status\":\"available\"}", ""));
            assertThat(agent.await("receipt", "pace-hb")).contains("\"heartbeat_interval_ms\":" + interval);
            agent.send(envelope("pace-ev", "pace-1", "*", "event", "{\"k\":\"v\"}", ",\"topic\":\"ci.builds\""));
            assertThat(agent.await("receipt", "pace-ev")).doesNotContain("heartbeat_interval_ms");
        }
    }
}
