package org.symbi.ledger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.store.DataDir;
import org.symbi.store.Database;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every byte of every stored row, and of the checkpoint file, flipped one at a time: each flip is found and located. */
class TamperTest {
    @TempDir
    Path tmp;
    Database db;
    Ledger ledger;
    DataDir dir;

    @BeforeEach
    void sixteenEntries() throws Exception {
        db = Database.inMemory("tamper-" + UUID.randomUUID());
        dir = new DataDir(tmp);
        ledger = Ledger.open(db, dir, () -> Instant.parse("2026-03-01T12:00:00Z"), new LedgerConfig(16, java.time.Duration.ofHours(1)));
        List<EntryDraft> drafts = new ArrayList<>(IntStream.range(0, 16)
                .mapToObj(i -> EntryDraft.of("agent:a" + i % 2, "do", "s" + i, "ok", null)).toList());
        drafts.set(5, drafts.get(5).countersignedBy("a1", KeyPairGenerator.getInstance("Ed25519").generateKeyPair()));
        ledger.appendBatch(drafts);
        assertThat(ledger.verify(n -> { }).ok()).isTrue();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void everyByteOfEveryEntryRow() {
        int flips = 0;
        for (long seq = 0; seq < 16; seq++) {
            for (String column : List.of("seq", "actor", "action", "subject", "canonical", "leaf_hash")) {
                flips += flipEveryByte("ledger_entry", column, "seq = " + seq, seq, null);
            }
        }
        assertThat(flips).isGreaterThan(16 * 200);
    }

    @Test
    void everyByteOfEveryStoredSubtreeHashAndCheckpoint() {
        flipEveryByte("ledger_node", "level", "level = 4 AND idx = 0", 0L, null);
        flipEveryByte("ledger_node", "idx", "level = 4 AND idx = 0", 0L, null);
        flipEveryByte("ledger_node", "hash", "level = 4 AND idx = 0", 0L, null);
        flipEveryByte("ledger_checkpoint", "tree_size", "tree_size = 16", null, "stored checkpoint");
        flipEveryByte("ledger_checkpoint", "note", "tree_size = 16", null, "stored checkpoint");
    }

    @Test
    void everyByteOfTheCheckpointFile() throws Exception {
        Path file = dir.resolve("ledger").resolve("checkpoint.note");
        byte[] original = Files.readAllBytes(file);
        for (int i = 0; i < original.length; i++) {
            byte[] changed = original.clone();
            changed[i] ^= 0x01;
            Files.write(file, changed);
            VerificationReport r = ledger.verify(n -> { });
            assertThat(r.ok()).as("byte %d", i).isFalse();
            assertThat(r.problem()).as("byte %d", i).contains("checkpoint file");
        }
        Files.write(file, original);
        assertThat(ledger.verify(n -> { }).ok()).isTrue();
    }

    @Test
    void truncationIsCaughtByTheCheckpointFile() {
        sql("DELETE FROM ledger_entry WHERE seq >= 13");
        sql("DELETE FROM ledger_node");
        sql("DELETE FROM ledger_checkpoint");
        VerificationReport r = ledger.verify(n -> { });
        assertThat(r.ok()).isFalse();
        assertThat(r.firstBadIndex()).isEqualTo(13);
        assertThat(r.problem()).startsWith("the checkpoint file covers 16 entries but the ledger has only 13");
    }

    /** Flips each byte of one column of one row, verifies, restores; returns the number of flips tried. */
    private int flipEveryByte(String table, String column, String where, Long expectedIndex, String expectedProblem) {
        Object original = read(table, column, where);
        int length = bytes(original).length;
        int tried = 0;
        for (int i = 0; i < length; i++) {
            Object changed = flipped(original, i);
            String at = table + "." + column + " where " + where + ", byte " + i;
            if (!write(table, column, where, changed)) {
                continue; // the database itself refused it (a duplicate key)
            }
            String restoreWhere = where.replace(column + " = " + original, column + " = " + changed);
            VerificationReport r = ledger.verify(n -> { });
            assertThat(r.ok()).as(at).isFalse();
            if (expectedIndex != null) {
                assertThat(r.firstBadIndex()).as(at + ": " + r.problem()).isEqualTo(expectedIndex);
            } else {
                assertThat(r.problem()).as(at).contains(expectedProblem);
            }
            assertThat(write(table, column, restoreWhere, original)).isTrue();
            tried++;
        }
        assertThat(ledger.verify(n -> { }).ok()).isTrue();
        return tried;
    }

    private static byte[] bytes(Object value) {
        return switch (value) {
            case byte[] b -> b;
            case String s -> s.getBytes(StandardCharsets.UTF_8);
            case Long l -> new byte[8];
            case Integer l -> new byte[4];
            default -> throw new IllegalArgumentException(value.getClass().getName());
        };
    }

    private static Object flipped(Object value, int i) {
        return switch (value) {
            case byte[] b -> {
                byte[] c = b.clone();
                c[i] ^= 0x01;
                yield c;
            }
            case String s -> {
                byte[] c = s.getBytes(StandardCharsets.UTF_8);
                c[i] ^= 0x01;
                yield new String(c, StandardCharsets.UTF_8);
            }
            case Long l -> l ^ (1L << (8 * i));
            case Integer n -> n ^ (1 << (8 * i));
            default -> throw new IllegalArgumentException(value.getClass().getName());
        };
    }

    private Object read(String table, String column, String where) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + column + " FROM " + table + " WHERE " + where);
                 ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return switch (rs.getMetaData().getColumnType(1)) {
                    case Types.BIGINT -> rs.getLong(1);
                    case Types.INTEGER -> rs.getInt(1);
                    case Types.VARCHAR -> rs.getString(1);
                    default -> rs.getBytes(1);
                };
            }
        });
    }

    private boolean write(String table, String column, String where, Object value) {
        try {
            return db.read(c -> {
                try (PreparedStatement s = c.prepareStatement("UPDATE " + table + " SET " + column + " = ? WHERE " + where)) {
                    s.setObject(1, value);
                    return s.executeUpdate() == 1;
                }
            });
        } catch (org.symbi.store.StoreException e) {
            if (e.getCause() instanceof SQLIntegrityConstraintViolationException) {
                return false;
            }
            throw e;
        }
    }

    private void sql(String statement) {
        db.read(c -> {
            try (PreparedStatement s = c.prepareStatement(statement)) {
                return s.executeUpdate();
            }
        });
    }
}
