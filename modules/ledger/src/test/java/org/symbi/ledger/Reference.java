package org.symbi.ledger;

import java.util.List;

/** The RFC 9162 §2.1.1 definition of MTH, written out recursively, to check the incremental code against. */
final class Reference {
    private Reference() {
    }

    static byte[] mth(List<byte[]> leafHashes) {
        int n = leafHashes.size();
        if (n == 0) {
            return Hashes.emptyRoot();
        }
        if (n == 1) {
            return leafHashes.getFirst();
        }
        int k = Integer.highestOneBit(n - 1);
        return Hashes.node(mth(leafHashes.subList(0, k)), mth(leafHashes.subList(k, n)));
    }

    static MerkleTree.Subtrees subtrees(List<byte[]> leafHashes) {
        return (start, size) -> mth(leafHashes.subList((int) start, (int) (start + size)));
    }
}
