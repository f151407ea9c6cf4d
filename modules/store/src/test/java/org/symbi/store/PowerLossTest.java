package org.symbi.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.store.powerloss.ChildJvm;
import org.symbi.store.powerloss.VolatileFileSystem;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a writer mid-stream on the power-loss file system and checks, on the real file, which acknowledged
 * messages survived.
 */
@Timeout(20)
class PowerLossTest {
    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedMessageSurvivesPowerLossWhenSyncedBeforeTheAck() throws Exception {
        for (int target : new int[] {1, 57, 240}) {
            Path base = dir.resolve("run" + target).resolve("symbi");
            createTable(base);

            Run run = runAndKill(VolatileFileSystem.PREFIX + base, "sync", target);

            assertThat(run.lastForceCount).as("the writer forced the file").isGreaterThanOrEqualTo(run.acked.size());
            assertThat(rowsOnDisk(base)).containsAll(run.acked);
        }
    }

    @Test
    void withoutSyncPowerLossLosesCommittedMessages() throws Exception {
        Path base = dir.resolve("symbi");
        createTable(base);

        Run run = runAndKill(VolatileFileSystem.PREFIX + base, "nosync", 100);

        // H2 never forced the file by itself, so every commit was still only in the page cache.
        assertThat(run.lastForceCount).isZero();
        assertThat(rowsOnDisk(base)).doesNotContainAnyElementsOf(run.acked);
    }

    @Test
    void aKilledProcessKeepsCommittedMessagesEvenWithoutSync() throws Exception {
        Path base = dir.resolve("symbi");
        createTable(base);

        Run run = runAndKill("file:" + base, "nosync", 100);

        assertThat(rowsOnDisk(base)).containsAll(run.acked);
    }

    private record Run(List<Integer> acked, long lastForceCount) {
    }

    /** Runs the writer until it has acked {@code target} messages, then kills it without warning. */
    private static Run runAndKill(String location, String mode, int target) throws Exception {
        List<Integer> acked = new ArrayList<>();
        long forces = -1;
        try (ChildJvm writer = ChildJvm.start(AckingWriter.class, location, mode)) {
            while (acked.size() < target) {
                String line = writer.readLine(Duration.ofSeconds(10));
                assertThat(line).as("ack %d from the writer", acked.size() + 1).isNotNull();
                String[] fields = line.split(" ");
                acked.add(Integer.parseInt(fields[1]));
                forces = Long.parseLong(fields[2]);
            }
        }
        return new Run(acked, forces);
    }

    private static void createTable(Path base) {
        try (Database db = Database.open("file:" + base)) {
            db.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("CREATE TABLE acked (id INT PRIMARY KEY, body VARCHAR(100) NOT NULL)");
                }
            });
        }
    }

    private static Set<Integer> rowsOnDisk(Path base) {
        try (Database db = Database.open("file:" + base)) {
            return db.read(c -> {
                Set<Integer> ids = new HashSet<>();
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM acked")) {
                    while (rs.next()) {
                        ids.add(rs.getInt(1));
                    }
                }
                return ids;
            });
        }
    }
}
