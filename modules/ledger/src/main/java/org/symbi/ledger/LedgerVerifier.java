package org.symbi.ledger;

import org.symbi.store.Database;

import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * Whole-ledger verification: streams the entries in chunks, rechecks each row against its canonical bytes,
 * recomputes the tree, the stored subtree hashes and the root at every checkpoint size, then checks every stored
 * checkpoint, the checkpoint file and any exported checkpoints against the recomputed roots.
 */
final class LedgerVerifier {
    private static final int CHUNK = 4096;

    private final Database db;
    private final PublicKey key;
    private final String origin;

    LedgerVerifier(Database db, PublicKey key, String origin) {
        this.db = db;
        this.key = key;
        this.origin = origin;
    }

    /** A failed check of one row: the index it locates, and why. */
    private record Bad(long index, String problem) {
    }

    /** A trusted tree head to compare the recomputed tree with; {@code where} names it in reports. */
    private record Head(String where, long size, String root, String problem) {
    }

    private record Row(long seq, String actor, String action, String subject, byte[] canonical, byte[] leafHash) {
    }

    /** What checking one row in isolation found; the tree-dependent checks come after, in order. */
    private record Checked(Row row, byte[] leaf, String contextHash, String problem) {
    }

    /**
     * @param fileNote reads the checkpoint file; called under {@code checkpointing}, together with the first
     *                 read of the snapshot, so that the file and the stored checkpoints are seen at one moment
     */
    VerificationReport run(Supplier<String> fileNote, Object checkpointing, List<String> exported,
                           LongConsumer progress) {
        return db.readSnapshot(c -> {
            List<Head> heads;
            String note;
            synchronized (checkpointing) {
                heads = storedHeads(c);
                note = fileNote.get();
            }
            if (note != null) {
                heads.add(parse("the checkpoint file", note, null));
            } else if (!heads.isEmpty()) {
                heads.add(new Head("the checkpoint file", 0, null, "is missing although checkpoints were signed"));
            }
            for (int i = 0; i < exported.size(); i++) {
                heads.add(parse("exported checkpoint " + (i + 1), exported.get(i), null));
            }
            Map<Long, String> roots = new HashMap<>();
            heads.forEach(h -> roots.put(h.size(), null));

            Frontier tree = new Frontier();
            Bad bad = scan(c, tree, roots, progress);
            if (bad != null) {
                return new VerificationReport(false, tree.size(), null, bad.index(), bad.problem());
            }
            long n = tree.size();
            String root = Hashes.hex(tree.root());
            for (Head h : heads) {
                if (h.problem() != null) {
                    return new VerificationReport(false, n, root, null, h.where() + " " + h.problem());
                }
                if (h.size() > n) {
                    return new VerificationReport(false, n, root, n, h.where() + " covers " + h.size()
                            + " entries but the ledger has only " + n + ": entries were removed or rolled back");
                }
                if (!h.root().equals(roots.get(h.size()))) {
                    return new VerificationReport(false, n, root, null, h.where() + " at size " + h.size()
                            + " does not match the recomputed tree: the ledger was rewritten or rolled back");
                }
            }
            long nodes = count(c, "SELECT COUNT(*) FROM ledger_node");
            if (nodes != NodeStore.storedNodes(n)) {
                return new VerificationReport(false, n, root, null,
                        "ledger_node has " + nodes + " rows where a tree of " + n + " entries has " + NodeStore.storedNodes(n));
            }
            return new VerificationReport(true, n, root, null, null);
        });
    }

    private List<Head> storedHeads(Connection c) throws SQLException {
        List<Head> heads = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT tree_size, note FROM ledger_checkpoint ORDER BY tree_size");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                heads.add(parse("stored checkpoint " + rs.getLong(1), rs.getString(2), rs.getLong(1)));
            }
        }
        return heads;
    }

    private Head parse(String where, String note, Long storedSize) {
        try {
            SignedCheckpoint cp = SignedCheckpoint.parse(note, key);
            if (!cp.origin().equals(origin)) {
                return new Head(where, 0, null, "is from another ledger (" + cp.origin() + ")");
            }
            if (storedSize != null && storedSize != cp.treeSize()) {
                return new Head(where, 0, null, "is stored under a size its note does not have (" + cp.treeSize() + ")");
            }
            return new Head(where, cp.treeSize(), cp.rootHash(), null);
        } catch (IllegalArgumentException e) {
            return new Head(where, 0, null, "is invalid: " + e.getMessage());
        }
    }

    /** Streams every entry through the checks and the tree; the first bad row stops the scan. */
    private Bad scan(Connection c, Frontier tree, Map<Long, String> roots, LongConsumer progress) throws SQLException {
        if (roots.containsKey(0L)) {
            roots.put(0L, Hashes.hex(Hashes.emptyRoot()));
        }
        try (PreparedStatement rows = c.prepareStatement("SELECT seq, actor, action, subject, canonical, leaf_hash"
                + " FROM ledger_entry WHERE seq >= ? ORDER BY seq LIMIT " + CHUNK);
             PreparedStatement node = c.prepareStatement("SELECT hash FROM ledger_node WHERE level = ? AND idx = ?")) {
            while (true) {
                rows.setLong(1, tree.size());
                List<Row> chunk = new ArrayList<>(CHUNK);
                try (ResultSet rs = rows.executeQuery()) {
                    while (rs.next()) {
                        chunk.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getBytes(5), rs.getBytes(6)));
                    }
                }
                if (chunk.isEmpty()) {
                    return null;
                }
                // Parsing and signature checks dominate and are independent per row; the tree must go in order.
                List<Checked> checked = chunk.parallelStream().map(LedgerVerifier::check).toList();
                for (Checked k : checked) {
                    Bad bad = fold(k, tree, roots, node);
                    if (bad != null) {
                        return bad;
                    }
                }
                progress.accept(tree.size());
            }
        }
    }

    private Bad fold(Checked k, Frontier tree, Map<Long, String> roots, PreparedStatement node) throws SQLException {
        long expected = tree.size();
        if (k.row().seq() != expected) {
            return new Bad(expected, "entry " + expected + " is missing");
        }
        if (k.problem() != null) {
            return new Bad(expected, "entry " + expected + ": " + k.problem());
        }
        if (!k.contextHash().equals(Hashes.hex(tree.root()))) {
            return new Bad(expected, "entry " + expected + ": context_hash is not the root of the entries before it");
        }
        List<Bad> badNodes = new ArrayList<>(1);
        tree.append(k.leaf(), (level, idx, hash) -> {
            if (NodeStore.stored(level) && badNodes.isEmpty()) {
                try {
                    node.setInt(1, level);
                    node.setLong(2, idx);
                    try (ResultSet rs = node.executeQuery()) {
                        if (!rs.next() || !Arrays.equals(rs.getBytes(1), hash)) {
                            badNodes.add(new Bad(idx << level, "stored subtree hash (level " + level + ", index " + idx
                                    + ") over entries from " + (idx << level) + " is missing or wrong"));
                        }
                    }
                } catch (SQLException e) {
                    throw new LedgerException("cannot read subtree hashes: " + e.getMessage(), e);
                }
            }
        });
        if (!badNodes.isEmpty()) {
            return badNodes.getFirst();
        }
        if (roots.containsKey(tree.size())) {
            roots.put(tree.size(), Hashes.hex(tree.root()));
        }
        return null;
    }

    private static Checked check(Row row) {
        byte[] leaf = Hashes.leaf(row.canonical());
        if (!Arrays.equals(leaf, row.leafHash())) {
            return new Checked(row, leaf, null, "stored leaf hash is not the hash of the stored canonical bytes");
        }
        try {
            LedgerEntry e = EntryCodec.decode(row.canonical(), leaf);
            if (e.seq() != row.seq()) {
                return new Checked(row, leaf, null, "canonical bytes name seq " + e.seq());
            }
            if (!e.actor().equals(row.actor()) || !e.action().equals(row.action()) || !e.subject().equals(row.subject())) {
                return new Checked(row, leaf, null, "actor, action or subject column differs from the canonical bytes");
            }
            String countersig = e.countersignature() == null ? null
                    : e.countersignature().problem(e.actor(), e.action(), e.subject(), e.outcome(), e.payload());
            return new Checked(row, leaf, e.contextHash(), countersig);
        } catch (IllegalArgumentException ex) {
            return new Checked(row, leaf, null, ex.getMessage());
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
