package org.symbi.app.proc;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Real processes read through /proc: a child's age against the time since it was started, names that confuse. */
class ProcFsTest {
    @BeforeAll
    static void linuxOnly() {
        assumeTrue(ProcFs.available(), "/proc is Linux's");
    }

    @Test
    void aChildsAgeIsTheTimeSinceItWasStarted() throws Exception {
        long beforeStart = System.nanoTime();
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        long afterStart = System.nanoTime();
        try {
            Thread.sleep(700);
            long earliest = (System.nanoTime() - afterStart) / 1_000_000;
            Duration age = ProcFs.age(sleeper.pid());
            long latest = (System.nanoTime() - beforeStart) / 1_000_000;
            // Both ends of the reading are clock ticks of 10 ms; a wall-clock bias would show as hundreds.
            assertThat(age.toMillis()).isBetween(earliest - 20, latest + 20);
        } finally {
            sleeper.destroyForcibly().waitFor();
        }
    }

    @Test
    void aCommandNameWithSpacesAndParenthesesIsRead(@TempDir Path dir) throws Exception {
        Path odd = dir.resolve("a) (b c");
        Files.copy(Path.of("/bin/sleep"), odd);
        odd.toFile().setExecutable(true);
        Process sleeper = new ProcessBuilder(odd.toString(), "30").start();
        try {
            assertThat(ProcFs.age(sleeper.pid())).isBetween(Duration.ZERO, Duration.ofSeconds(30));
            assertThat(ProcFs.cpuTicks(sleeper.pid())).isNotNegative();
            assertThat(ProcFs.rssKb(sleeper.pid())).isPositive();
        } finally {
            sleeper.destroyForcibly().waitFor();
        }
    }

    @Test
    void cpuTimeGrowsWhileTheProcessComputes() throws IOException {
        long pid = ProcessHandle.current().pid();
        long before = ProcFs.cpuTicks(pid);
        long spinUntil = System.nanoTime() + Duration.ofMillis(300).toNanos();
        long sum = 0;
        while (System.nanoTime() < spinUntil) {
            sum += Long.numberOfTrailingZeros(System.nanoTime());
        }
        assertThat(sum).isNotNegative();
        assertThat(ProcFs.cpuTicks(pid) - before).isGreaterThanOrEqualTo(ProcFs.clockTicksPerSecond() / 10);
    }

    @Test
    void aProcessThatIsGoneIsAnError() throws Exception {
        Process done = new ProcessBuilder("true").start();
        done.waitFor();
        long pid = done.pid();
        assertThatThrownBy(() -> ProcFs.age(pid)).isInstanceOf(IOException.class);
    }
}
