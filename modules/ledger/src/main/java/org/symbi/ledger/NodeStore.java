package org.symbi.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Perfect-subtree hashes read from the database: leaf hashes from {@code ledger_entry}, and the hashes of
 * subtrees whose level is a multiple of {@link #STRIDE} from {@code ledger_node}. Any perfect subtree is then
 * at most 2^(STRIDE-1) = 8 stored hashes folded together, fetched by one range query.
 */
final class NodeStore implements MerkleTree.Subtrees {
    static final int STRIDE = 4;

    private final Connection connection;

    NodeStore(Connection connection) {
        this.connection = connection;
    }

    static boolean stored(int level) {
        return level % STRIDE == 0;
    }

    /** How many {@code ledger_node} rows a tree of this size has. */
    static long storedNodes(long size) {
        long n = 0;
        for (int level = STRIDE; level < 63; level += STRIDE) {
            n += size >> level;
        }
        return n;
    }

    @Override
    public byte[] hash(long start, long size) {
        int level = Long.numberOfTrailingZeros(size);
        int base = level - level % STRIDE;
        long from = start >> base;
        int count = 1 << (level - base);
        try {
            List<byte[]> hashes = base == 0 ? leaves(from, count) : nodes(base, from, count);
            while (hashes.size() > 1) {
                List<byte[]> up = new ArrayList<>(hashes.size() / 2);
                for (int i = 0; i < hashes.size(); i += 2) {
                    up.add(Hashes.node(hashes.get(i), hashes.get(i + 1)));
                }
                hashes = up;
            }
            return hashes.getFirst();
        } catch (SQLException e) {
            throw new LedgerException("cannot read tree hashes: " + e.getMessage(), e);
        }
    }

    private List<byte[]> leaves(long from, int count) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT seq, leaf_hash FROM ledger_entry WHERE seq >= ? AND seq < ? ORDER BY seq")) {
            s.setLong(1, from);
            s.setLong(2, from + count);
            return collect(s, from, count, "entry");
        }
    }

    private List<byte[]> nodes(int level, long from, int count) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT idx, hash FROM ledger_node WHERE level = ? AND idx >= ? AND idx < ? ORDER BY idx")) {
            s.setInt(1, level);
            s.setLong(2, from);
            s.setLong(3, from + count);
            return collect(s, from, count, "subtree hash at level " + level);
        }
    }

    private static List<byte[]> collect(PreparedStatement s, long from, int count, String what) throws SQLException {
        List<byte[]> out = new ArrayList<>(count);
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                if (rs.getLong(1) != from + out.size()) {
                    break;
                }
                out.add(rs.getBytes(2));
            }
        }
        if (out.size() != count) {
            throw new LedgerException("the ledger is missing " + what + " " + (from + out.size()));
        }
        return out;
    }
}
