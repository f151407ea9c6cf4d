package org.symbi.app.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The installation check: a real room, two SDK agents over the gateway, one routed message, the ledger. */
class SelfTestTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int selfTest(Path tempParent) {
        return SelfTest.run(tempParent, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private JsonNode report() throws Exception {
        return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void routesAMessageBetweenTwoConnectedAgentsVerifiesTheLedgerAndLeavesNothingBehind(@TempDir Path temp)
            throws Exception {
        assertThat(selfTest(temp)).isZero();

        JsonNode report = report();
        assertThat(report.path("self_test").asText()).isEqualTo("passed");
        assertThat(report.path("gateway").asText()).startsWith("ws://127.0.0.1:").endsWith("/ws");
        assertThat(report.path("delivery_ms").asDouble()).isPositive();
        assertThat(report.path("ledger_entries").asLong()).isPositive();
        assertThat(report.path("ledger_root").asText()).hasSize(64);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        try (var left = Files.list(temp)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void saysWhichStepFailedAndExitsNonZero(@TempDir Path temp) throws Exception {
        Path notADirectory = Files.writeString(temp.resolve("file"), "x");

        assertThat(selfTest(notADirectory)).isEqualTo(1);

        JsonNode report = report();
        assertThat(report.path("self_test").asText()).isEqualTo("failed");
        assertThat(report.path("step").asText()).isEqualTo("creating a temporary data directory");
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("symbi: self-test failed while creating a temporary data directory: ");
    }
}
