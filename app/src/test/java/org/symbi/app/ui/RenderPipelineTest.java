package org.symbi.app.ui;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RenderPipelineTest {
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    @TempDir
    Path tmp;

    /** The test run's own choice (headless UI tests set one), put back afterwards. */
    private String testRunsOrder;

    @BeforeEach
    void startWithoutAChoice() {
        testRunsOrder = System.clearProperty("prism.order");
    }

    @AfterEach
    void restoreTheTestRunsChoice() {
        if (testRunsOrder == null) {
            System.clearProperty("prism.order");
        } else {
            System.setProperty("prism.order", testRunsOrder);
        }
    }

    @Test
    void aFallbackToSoftwareIsRememberedForAWeekThenTheGpuIsTriedAgain() throws Exception {
        Path dir = tmp.resolve("symbi-render-pipeline");
        RenderPipeline first = RenderPipeline.choose(dir, NOW);
        assertThat(first.decided()).isFalse();
        assertThat(System.getProperty("prism.order")).isNull();
        first.record(true, NOW);

        RenderPipeline next = RenderPipeline.choose(dir, NOW.plus(Duration.ofDays(6)));
        assertThat(next.decided()).isTrue();
        assertThat(System.getProperty("prism.order")).isEqualTo("sw");
        System.clearProperty("prism.order");

        assertThat(RenderPipeline.choose(dir, NOW.plus(Duration.ofDays(8))).decided()).isFalse();
        assertThat(System.getProperty("prism.order")).isNull();
    }

    @Test
    void theGpuPassingForgetsTheNote() throws Exception {
        Path note = tmp.resolve("notes").resolve(RenderPipeline.FILE);
        RenderPipeline.choose(note, NOW).record(true, NOW);
        assertThat(note).exists();
        RenderPipeline.choose(note, NOW.plus(Duration.ofDays(8))).record(false, NOW.plus(Duration.ofDays(8)));
        assertThat(note).doesNotExist();
    }

    @Test
    void aDamagedNoteOrTheUsersOwnChoiceLeavesJavaFxToDecide() throws Exception {
        Path note = tmp.resolve(RenderPipeline.FILE);
        Files.writeString(note, "software yesterday\n");
        assertThat(RenderPipeline.choose(note, NOW).decided()).isFalse();
        assertThat(System.getProperty("prism.order")).isNull();

        System.setProperty("prism.order", "es2");
        assertThat(RenderPipeline.choose(note, NOW).decided()).isTrue();
        assertThat(System.getProperty("prism.order")).isEqualTo("es2");
    }
}
