package org.symbi.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.store.powerloss.ChildJvm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(20)
class DatabaseTest {
    @TempDir
    Path tmp;

    @Test
    void opensADataDirectoryAndRunsTheMigrations() throws Exception {
        DataDir dir = new DataDir(tmp.resolve("room"));
        try (Database db = Database.open(dir)) {
            assertThat(dir.databaseBase().resolveSibling("symbi.mv.db")).exists();
            assertThat(scalar(db, "SELECT product FROM store_info WHERE id = 1")).isEqualTo("symbi");
            assertThat(scalar(db, "SELECT MAX(\"version\") FROM \"flyway_schema_history\" WHERE \"success\""))
                    .isEqualTo("1.1");
        }
        try (Database reopened = Database.open(dir)) {
            assertThat(scalar(reopened, "SELECT COUNT(*) FROM store_info")).isEqualTo("1");
        }
    }

    @Test
    void flywayRunsOnlyWhenTheBundledMigrationsDifferFromThoseLastApplied() throws Exception {
        DataDir dir = new DataDir(tmp.resolve("room"));
        try (Database db = Database.open(dir)) {
            assertThat(scalar(db, "SELECT digest FROM store_migrations WHERE id = 1")).hasSize(64);
            // An applied script that no longer matches its record: Flyway's validation refuses that.
            db.inTransaction(c -> c.createStatement()
                    .executeUpdate("UPDATE \"flyway_schema_history\" SET \"checksum\" = 1 WHERE \"version\" = '1.0'"));
        }
        try (Database unchanged = Database.open(dir)) {
            // the same scripts as last time: Flyway did not run, so nothing was validated
            assertThat(scalar(unchanged, "SELECT COUNT(*) FROM store_info")).isEqualTo("1");
            unchanged.inTransaction(c -> c.createStatement()
                    .executeUpdate("UPDATE store_migrations SET digest = 'scripts of an older release'"));
        }
        assertThatThrownBy(() -> Database.open(dir)).isInstanceOf(StoreException.class)
                .hasMessageContaining("checksum mismatch");
    }

    /** A data directory of a release before 1.1 existed, whose later modules' migrations (2.x …) were applied. */
    @Test
    void aScriptAddedToALowerModuleRangeIsAppliedToADatabaseOfAnEarlierRelease() throws Exception {
        DataDir dir = new DataDir(tmp.resolve("room"));
        try (Database db = Database.open(dir)) {
            db.inTransaction(c -> {
                update(c.createStatement(), "DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '1.1'");
                update(c.createStatement(), "DROP TABLE store_migrations");
                return update(c.createStatement(), "INSERT INTO \"flyway_schema_history\" SELECT 99, '2.0', "
                        + "'registry', \"type\", 'V2_0__registry.sql', 1, \"installed_by\", \"installed_on\", 1, TRUE "
                        + "FROM \"flyway_schema_history\" WHERE \"version\" = '1.0'");
            });
        }
        try (Database upgraded = Database.open(dir)) {
            assertThat(scalar(upgraded, "SELECT digest FROM store_migrations WHERE id = 1")).hasSize(64);
            assertThat(scalar(upgraded, "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '1.1' "
                    + "AND \"success\"")).isEqualTo("1");
        }
    }

    @Test
    void commitsEveryChunkAtOnceSoThatSyncHasNothingToOvertake() throws Exception {
        try (Database db = Database.open(new DataDir(tmp))) {
            assertThat(scalar(db, "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'"))
                    .isEqualTo("0");
        }
    }

    @Test
    void restartsLeaveTheFileAboutAsLargeAsItsLiveData() throws Exception {
        DataDir dir = new DataDir(tmp.resolve("room"));
        Path file = dir.databaseBase().resolveSibling("symbi.mv.db");
        try (Database db = Database.open(dir)) {
            createChurnTable(db);
        }
        List<Long> sizes = new ArrayList<>();
        for (int start = 0; start < 12; start++) {
            try (Database db = Database.open(dir)) {
                churn(db, start);
            }
            sizes.add(Files.size(file));
        }
        // Without compaction each of these starts left about 4.5 MB of dead chunks behind (58 MB after 12).
        assertThat(sizes.getLast()).as("file sizes after each start: %s", sizes).isLessThan(3 * sizes.getFirst());
    }

    @Test
    void compactionRewritesMostlyEmptyChunksAndKeepsTheData() throws Exception {
        DataDir dir = new DataDir(tmp.resolve("room"));
        String rewritten = "SELECT COUNT(*) FROM churn WHERE v = REPEAT('b', 300)";
        String rewrittenBefore;
        // No retention, so that chunks are reusable at once instead of after 45 s.
        try (Database db = Database.open("file:" + dir.databaseBase() + ";RETENTION_TIME=0")) {
            createChurnTable(db);
            churn(db, 0);
            rewrittenBefore = scalar(db, rewritten);
            long syncs = db.syncCount();
            assertThat(db.compact()).isTrue();
            assertThat(db.syncCount()).as("the moved pages are forced to the disk").isGreaterThan(syncs);
        }
        try (Database db = Database.open(dir)) {
            assertThat(scalar(db, rewritten)).isEqualTo(rewrittenBefore).isNotEqualTo("0");
            assertThat(scalar(db, "SELECT COUNT(*) FROM churn")).isEqualTo("2000");
        }
        try (Database memory = Database.inMemory("compact-" + System.nanoTime())) {
            assertThat(memory.compact()).as("nothing to compact without a file").isFalse();
        }
    }

    private static void createChurnTable(Database db) {
        db.inTransaction(c -> update(c.createStatement(),
                "CREATE TABLE churn (id INT PRIMARY KEY, v VARCHAR(300)) AS SELECT X, REPEAT('a', 300) FROM SYSTEM_RANGE(1, 2000)"));
    }

    /** 200 small commits, each rewriting a few rows: every commit leaves earlier chunks partly dead. */
    private static void churn(Database db, int round) {
        for (int commit = 0; commit < 200; commit++) {
            int row = 1 + (commit * 37 + round * 11) % 1995;
            db.inTransaction(c -> update(c.createStatement(),
                    "UPDATE churn SET v = REPEAT('b', 300) WHERE id BETWEEN " + row + " AND " + (row + 5)));
        }
    }

    @Test
    void inTransactionCommitsWhatReturnsAndRollsBackWhatThrows() {
        try (Database db = Database.inMemory("tx-" + System.nanoTime())) {
            db.inTransaction(c -> update(c.createStatement(), "CREATE TABLE t (v INT)"));
            db.inTransaction(c -> update(c.createStatement(), "INSERT INTO t VALUES (1)"));

            IllegalStateException boom = new IllegalStateException("boom");
            assertThatThrownBy(() -> db.inTransaction(c -> {
                update(c.createStatement(), "INSERT INTO t VALUES (2)");
                throw boom;
            })).isSameAs(boom);
            assertThatThrownBy(() -> db.inTransaction(c -> {
                update(c.createStatement(), "INSERT INTO t VALUES (3)");
                return update(c.createStatement(), "INSERT INTO no_such_table VALUES (4)");
            })).isInstanceOf(StoreException.class)
                    .hasMessageContaining("database error")
                    .hasCauseInstanceOf(SQLException.class);

            assertThat(scalar(db, "SELECT LISTAGG(v) FROM t")).isEqualTo("1");
        }
    }

    @Test
    void refusesADatabaseAnotherProcessHasOpen() throws Exception {
        DataDir dir = new DataDir(tmp.resolve("room"));
        Database.open(dir).close();
        try (ChildJvm holder = ChildJvm.start(HoldOpen.class, "file:" + dir.databaseBase())) {
            assertThat(holder.readLine(Duration.ofSeconds(15))).startsWith("OPEN");

            assertThatThrownBy(() -> Database.open(dir))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("in use by another SYMBI process");
        }
    }

    @Test
    void explainsACorruptDatabaseFile() throws Exception {
        DataDir dir = new DataDir(tmp.resolve("room")).ensureExists();
        byte[] garbage = new byte[16 * 1024];
        new java.util.Random(42).nextBytes(garbage);
        Files.write(dir.databaseBase().resolveSibling("symbi.mv.db"), garbage);

        assertThatThrownBy(() -> Database.open(dir))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("corrupt");
    }

    @Test
    void eachSyncOnItsOwnIsCounted() {
        try (Database db = Database.open(new DataDir(tmp))) {
            long before = db.syncCount();
            db.sync();
            db.sync();
            assertThat(db.syncCount()).isEqualTo(before + 2);
        }
    }

    @Test
    void concurrentSyncsShareDiskSyncs() throws Exception {
        int callers = 32;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try (Database db = Database.open(new DataDir(tmp))) {
            CyclicBarrier together = new CyclicBarrier(callers);
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                calls.add(pool.submit(() -> {
                    together.await();
                    db.sync();
                    return null;
                }));
            }
            for (Future<?> call : calls) {
                call.get();
            }
            assertThat(db.syncCount()).isPositive().isLessThan(callers);
        } finally {
            pool.shutdownNow();
        }
    }

    private static int update(Statement s, String sql) throws SQLException {
        try (s) {
            return s.executeUpdate(sql);
        }
    }

    private static String scalar(Database db, String sql) {
        return db.read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getString(1);
            }
        });
    }
}
