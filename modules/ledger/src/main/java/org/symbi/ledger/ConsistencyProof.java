package org.symbi.ledger;

import java.security.PublicKey;
import java.util.List;

/**
 * RFC 9162 §2.1.4 proof that the tree of {@code toSize} entries extends the tree of {@code fromSize} entries.
 * Hashes are lower-case hex.
 */
public record ConsistencyProof(long fromSize, long toSize, String fromRoot, String toRoot, List<String> proof) {

    public ConsistencyProof {
        proof = List.copyOf(proof);
    }

    /** Checks that the proof links the two roots it names. */
    public VerificationResult verify() {
        try {
            return MerkleTree.verifyConsistency(fromSize, toSize, Hashes.parseHash(fromRoot), Hashes.parseHash(toRoot),
                    proof.stream().map(Hashes::parseHash).toList())
                    ? VerificationResult.valid()
                    : VerificationResult.invalid("the proof does not link the tree of " + fromSize + " entries to the tree of " + toSize);
        } catch (IllegalArgumentException e) {
            return VerificationResult.invalid(e.getMessage());
        }
    }

    /** Checks two signed checkpoints (older first) and that this proof shows the newer extends the older. */
    public VerificationResult verifyBetween(String olderNote, String newerNote, PublicKey key) {
        SignedCheckpoint older;
        SignedCheckpoint newer;
        try {
            older = SignedCheckpoint.parse(olderNote, key);
            newer = SignedCheckpoint.parse(newerNote, key);
        } catch (IllegalArgumentException e) {
            return VerificationResult.invalid(e.getMessage());
        }
        if (!older.origin().equals(newer.origin())) {
            return VerificationResult.invalid("the checkpoints are from different ledgers");
        }
        if (older.treeSize() != fromSize || !older.rootHash().equals(fromRoot)
                || newer.treeSize() != toSize || !newer.rootHash().equals(toRoot)) {
            return VerificationResult.invalid("the proof is not between these two checkpoints");
        }
        return verify();
    }
}
