package org.symbi.ledger;

/**
 * The compact frontier of the tree: the hashes of the perfect subtrees that make up a tree of {@code size}
 * leaves, one per set bit of the size. Appending a leaf merges O(log n) hashes; the root folds them.
 */
final class Frontier {

    /** Told about each perfect subtree an append completes (level ≥ 1), to persist the ones worth keeping. */
    @FunctionalInterface
    interface CompletedNode {
        void completed(int level, long index, byte[] hash);
    }

    private final byte[][] nodes = new byte[64][];
    private long size;

    long size() {
        return size;
    }

    /** Rebuilds the frontier of a stored tree from its perfect subtrees (largest first, as the size's bits). */
    static Frontier of(long size, MerkleTree.Subtrees perfect) {
        Frontier f = new Frontier();
        long start = 0;
        for (int level = 63; level >= 0; level--) {
            long width = 1L << level;
            if ((size & width) != 0) {
                f.nodes[level] = perfect.hash(start, width);
                start += width;
            }
        }
        f.size = size;
        return f;
    }

    Frontier copy() {
        Frontier f = new Frontier();
        System.arraycopy(nodes, 0, f.nodes, 0, nodes.length);
        f.size = size;
        return f;
    }

    void append(byte[] leafHash, CompletedNode completed) {
        byte[] h = leafHash;
        int level = 0;
        while ((size & (1L << level)) != 0) {
            h = Hashes.node(nodes[level], h);
            nodes[level] = null;
            level++;
            completed.completed(level, size >> level, h);
        }
        nodes[level] = h;
        size++;
    }

    /** The tree head: the frontier folded from the smallest subtree up. */
    byte[] root() {
        byte[] r = null;
        for (int level = 0; level < 64; level++) {
            if (nodes[level] != null) {
                r = r == null ? nodes[level] : Hashes.node(nodes[level], r);
            }
        }
        return r == null ? Hashes.emptyRoot() : r;
    }
}
