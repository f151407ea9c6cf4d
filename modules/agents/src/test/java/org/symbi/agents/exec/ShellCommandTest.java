package org.symbi.agents.exec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShellCommandTest {
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void runsInTheDirectoryWithTheGivenVariablesAndKeepsBothStreams() throws Exception {
        Files.writeString(dir.resolve("here.txt"), "in the directory");
        CommandResult r = new ShellCommand("cat here.txt; echo; echo \"$GREETING\" >&2; exit 3", dir,
                Map.of("GREETING", "hello from the environment"), TEN_SECONDS, 10_000).run();

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.timedOut()).isFalse();
        assertThat(r.succeeded()).isFalse();
        assertThat(r.output()).contains("in the directory").contains("hello from the environment");
        assertThat(r.summary()).startsWith("exit 3 after ");
    }

    @Test
    void aCommandThatOutrunsItsTimeoutIsStoppedWithTheProcessesItStarted() throws Exception {
        // the background sleep is a grandchild of the shell: it must not outlive the command
        CommandResult r = new ShellCommand("sleep 60 & echo $! > child.pid; echo started; sleep 60", dir, Map.of(),
                Duration.ofMillis(700), 10_000).run();

        assertThat(r.timedOut()).isTrue();
        assertThat(r.exitCode()).isEqualTo(-1);
        assertThat(r.output()).contains("started");
        assertThat(r.summary()).startsWith("timed out after").contains("stopped");
        assertThat(r.took()).isLessThan(Duration.ofSeconds(5));
        long child = Long.parseLong(Files.readString(dir.resolve("child.pid")).trim());
        assertThat(stillRuns(child)).isFalse();
    }

    /**
     * A killed orphan stays a zombie until the container's init reaps it, and Java counts a zombie as alive;
     * what matters is that it no longer runs, so the kernel's state for it is read. The kill signal may
     * take a moment to be delivered on a loaded machine.
     */
    private static boolean stillRuns(long pid) throws Exception {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        for (int i = 0; i < 50; i++) {
            String state = !Files.isDirectory(Path.of("/proc/self"))
                    ? (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) ? "R" : "gone")
                    : Files.exists(stat) ? readState(stat) : "gone";
            if (state.equals("gone") || state.equals("Z") || state.equals("X")) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    private static String readState(Path stat) {
        try {
            String line = Files.readString(stat);
            return line.substring(line.lastIndexOf(')') + 2, line.lastIndexOf(')') + 3);
        } catch (IOException vanished) {
            return "gone";
        }
    }

    @Test
    void longOutputKeepsItsBeginningAndItsEnd() throws Exception {
        CommandResult r = new ShellCommand("echo FIRST; i=0; while [ $i -lt 3000 ]; do echo line $i; i=$((i+1)); done;"
                + " echo LAST", dir, Map.of(), TEN_SECONDS, 2_000).run();

        assertThat(r.succeeded()).isTrue();
        assertThat(r.output()).startsWith("FIRST").contains("characters left out").endsWith("LAST\n");
        assertThat(r.output().length()).isLessThan(2_100);
    }

    @Test
    void aMissingDirectoryOrAnEmptyCommandIsSaidPlainly() {
        assertThatThrownBy(() -> new ShellCommand("true", dir.resolve("absent"), Map.of(), TEN_SECONDS, 100).run())
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> new ShellCommand(" ", dir, Map.of(), TEN_SECONDS, 100))
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> new ShellCommand("true", dir, Map.of(), Duration.ZERO, 100))
                .hasMessageContaining("timeout");
    }
}
