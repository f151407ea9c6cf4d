package org.symbi.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.h2.api.ErrorCode;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.mvstore.MVStore;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The embedded H2 database of a room, migrated to the current schema on open.
 * <p>
 * Every commit is written to the file before it returns (so a killed process loses nothing committed), but
 * H2 never forces the file to the disk by itself; {@link #sync()} does, for everything committed so far.
 * Callers that promise durability (the bus before it acks a sender) commit, then sync, then answer:
 * see docs/decisions/0002-durable-acks-with-group-commit.md.
 */
public final class Database implements AutoCloseable {
    /** Where every module's Flyway migrations live on the class path. */
    public static final String MIGRATIONS = "classpath:db/migration";

    /**
     * WRITE_DELAY=0: each commit writes its chunk to the file at once, and H2 runs no background writer whose
     * asynchronous stores a concurrent {@code CHECKPOINT SYNC} could overtake and force the file before.
     * MAX_COMPACT_TIME: how long closing may spend moving chunks to the start of the file and truncating it.
     */
    private static final String SETTINGS = ";DB_CLOSE_ON_EXIT=FALSE;MAX_COMPACT_TIME=300;WRITE_DELAY=0";
    /** Chunks less full than this are rewritten by {@link #compact()}. */
    private static final int TARGET_FILL_PERCENT = 60;
    /** At most this much live data is moved by one {@link #compact()}, which holds H2's store lock meanwhile. */
    private static final int COMPACT_WRITE_BYTES = 4 << 20;

    private final String url;
    private final JdbcConnectionPool pool;
    private final AtomicLong syncs = new AtomicLong();
    private final Object syncLock = new Object();

    private Database(String url, int maxConnections) {
        this.url = url;
        this.pool = JdbcConnectionPool.create(url, "symbi", "");
        this.pool.setMaxConnections(maxConnections);
    }

    /** Opens (creating if needed) the database in a data directory. */
    public static Database open(DataDir dir) {
        try {
            dir.ensureExists();
        } catch (IOException e) {
            throw new StoreException("cannot use data directory " + dir.root() + ": " + e.getMessage(), e);
        }
        return open("file:" + dir.databaseBase());
    }

    /**
     * Opens a database by its H2 location ({@code file:/path/base}, {@code mem:name}, or a location on a
     * plugged-in H2 file system such as {@code volatile:/path/base}).
     */
    public static Database open(String location) {
        String url = "jdbc:h2:" + location + SETTINGS;
        Database db = new Database(url, 32);
        try {
            db.migrate();
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    public static Database inMemory(String name) {
        return open("mem:" + name + ";DB_CLOSE_DELAY=-1");
    }

    /**
     * Brings the schema up to the migrations on the class path. When their digest is the one stored by the last
     * migration, nothing was added or changed since and Flyway is not run (see {@link BundledMigrations}).
     */
    private void migrate() {
        ClassLoader loader = Database.class.getClassLoader();
        try {
            Optional<String> bundled = bundledDigest(loader);
            if (bundled.isPresent() && bundled.get().equals(appliedDigest())) {
                return;
            }
            Flyway.configure(loader)
                    .dataSource(pool)
                    .locations(MIGRATIONS)
                    // Each module owns a range of versions (store 1.x, kernel 2.x, ledger 3.x, governance 4.x):
                    // a script added later to a lower range comes after higher versions already applied.
                    .outOfOrder(true)
                    .failOnMissingLocations(false)
                    .load()
                    .migrate();
            if (bundled.isPresent()) {
                recordDigest(bundled.get());
            }
        } catch (FlywayException | SQLException e) {
            throw new StoreException(describeOpenFailure(e), e);
        }
    }

    /** Empty when the scripts cannot be read here; Flyway, which runs then, reports why if it matters. */
    private static Optional<String> bundledDigest(ClassLoader loader) {
        try {
            return BundledMigrations.digest(loader, MIGRATIONS.substring("classpath:".length()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The digest stored by the last migration; null before the first, when its table does not exist yet. */
    private String appliedDigest() throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT digest FROM store_migrations WHERE id = 1")) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            if (e.getErrorCode() == ErrorCode.TABLE_OR_VIEW_NOT_FOUND_1
                    || e.getErrorCode() == ErrorCode.TABLE_OR_VIEW_NOT_FOUND_DATABASE_EMPTY_1
                    || e.getErrorCode() == ErrorCode.TABLE_OR_VIEW_NOT_FOUND_WITH_CANDIDATES_2) {
                return null;
            }
            throw e;
        }
    }

    private void recordDigest(String digest) throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(
                "MERGE INTO store_migrations (id, digest, applied_at) KEY (id) VALUES (1, ?, CURRENT_TIMESTAMP)")) {
            ps.setString(1, digest);
            ps.executeUpdate();
        }
    }

    private String describeOpenFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
                return "the database is in use by another SYMBI process (" + url + "); stop it or talk to it instead";
            }
            if (t instanceof SQLException sql && sql.getErrorCode() == ErrorCode.FILE_CORRUPTED_1) {
                return "the database file is corrupt (" + url + "): " + sql.getMessage();
            }
        }
        return "cannot open or migrate the database (" + url + "): " + e.getMessage();
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** Runs work in one transaction: committed if it returns, rolled back if it throws. */
    public <T> T inTransaction(SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("database error: " + e.getMessage(), e);
        }
    }

    /** Runs work with auto-commit on, for reads and single statements. */
    public <T> T read(SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException("database error: " + e.getMessage(), e);
        }
    }

    /**
     * Runs read-only work on one consistent snapshot of the database: every statement sees the data as of
     * the first one, whatever commits meanwhile (H2's SNAPSHOT isolation).
     */
    public <T> T readSnapshot(SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            int isolation = c.getTransactionIsolation();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SNAPSHOT");
            }
            try {
                return work.run(c);
            } finally {
                c.rollback();
                c.setTransactionIsolation(isolation);
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("database error: " + e.getMessage(), e);
        }
    }

    /**
     * Forces every transaction committed before this call onto the disk. Concurrent callers share one
     * sync when they can (group commit): a caller whose commit is covered by a sync that started after it
     * returns without syncing again.
     * <p>
     * {@code CHECKPOINT SYNC} stores whatever is not yet in the file, then fsyncs it; plain {@code CHECKPOINT}
     * and {@code COMMIT} never fsync.
     */
    public void sync() {
        long requestedAfter = syncs.get();
        synchronized (syncLock) {
            if (syncs.get() > requestedAfter + 1) {
                return; // a whole sync started and ended after this caller's commit
            }
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("CHECKPOINT SYNC");
            } catch (SQLException e) {
                throw new StoreException("cannot force data to disk: " + e.getMessage(), e);
            }
            syncs.incrementAndGet();
        }
    }

    /**
     * Rewrites the live data of mostly empty chunks into new ones, so that the old ones' space is reused. H2
     * does this only from its background writer, which {@code WRITE_DELAY=0} turns off; without it the file
     * grows with every commit that leaves a chunk partly dead (by about 1 MB per start of the room) and takes
     * longer to open. Returns whether anything was rewritten. See docs/decisions/0010-compacting-the-database.md.
     */
    public boolean compact() {
        try (Connection c = pool.getConnection()) {
            SessionLocal session = (SessionLocal) c.unwrap(JdbcConnection.class).getSession();
            MVStore store = session.getDatabase().getStore().getMvStore();
            if (store.getFileStore() == null || !store.compact(TARGET_FILL_PERCENT, COMPACT_WRITE_BYTES)) {
                return false;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot compact the database: " + e.getMessage(), e);
        }
        // The moved pages reach the disk before H2 may write over their old places.
        sync();
        return true;
    }

    /** How many disk syncs this database has performed since it was opened. */
    public long syncCount() {
        return syncs.get();
    }

    public String url() {
        return url;
    }

    /** Compacts, then closes: the file is as small as the live data and the compaction time allow. */
    @Override
    public void close() {
        try {
            compact();
        } catch (RuntimeException e) {
            // a full disk, a store H2 already gave up on: closing still flushes what it can, the file stays larger
        }
        // A plain connection, opened while the pool still keeps the database open: returning a pooled
        // connection to a database that SHUTDOWN has just closed makes H2 log a spurious error.
        try (Connection c = DriverManager.getConnection(url, "symbi", ""); Statement s = c.createStatement()) {
            pool.dispose();
            s.execute("SHUTDOWN");
        } catch (SQLException ignored) {
            // already closed, or the file went away: nothing left to flush
        } finally {
            pool.dispose();
        }
    }
}
