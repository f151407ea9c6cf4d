package org.symbi.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Measures, on the disk under the given directory (default: a temporary one), what durability costs: one
 * {@link Database#sync()} after a one-row commit, and a group commit of 500 small rows (insert, commit, sync).
 * Prints median and 95th percentile in milliseconds. Run with the store's test class path.
 */
public final class SyncCostProbe {
    private static final int ROUNDS = 200;
    private static final int GROUP = 500;

    private SyncCostProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Files.createTempDirectory(Path.of(args[0]), "probe") : Files.createTempDirectory("probe");
        try (Database db = Database.open(new DataDir(dir))) {
            db.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("CREATE TABLE probe (id BIGINT PRIMARY KEY, body VARCHAR(200) NOT NULL)");
                }
            });
            long[] commit = new long[ROUNDS];
            long[] sync = new long[ROUNDS];
            long[] group = new long[ROUNDS];
            long id = 0;
            for (int round = 0; round < ROUNDS; round++) {
                long t0 = System.nanoTime();
                insert(db, id++, 1);
                long t1 = System.nanoTime();
                db.sync();
                long t2 = System.nanoTime();
                insert(db, id, GROUP);
                id += GROUP;
                db.sync();
                long t3 = System.nanoTime();
                commit[round] = t1 - t0;
                sync[round] = t2 - t1;
                group[round] = t3 - t2;
            }
            System.out.println("one-row commit        " + summary(commit));
            System.out.println("one sync              " + summary(sync));
            System.out.println(GROUP + " rows, commit+sync " + summary(group));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static void insert(Database db, long firstId, int rows) {
        db.inTransaction(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO probe (id, body) VALUES (?, ?)")) {
                for (long i = firstId; i < firstId + rows; i++) {
                    insert.setLong(1, i);
                    insert.setString(2, "{\"from\":\"agent-7\",\"kind\":\"status\",\"seq\":" + i + "}");
                    insert.addBatch();
                }
                return insert.executeBatch().length;
            }
        });
    }

    private static String summary(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("median %.2f ms, p95 %.2f ms", sorted[sorted.length / 2] / 1e6,
                sorted[sorted.length * 95 / 100] / 1e6);
    }
}
