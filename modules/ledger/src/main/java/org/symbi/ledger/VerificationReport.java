package org.symbi.ledger;

/**
 * The outcome of verifying the whole ledger.
 *
 * @param entriesChecked entries read and checked before the verdict
 * @param treeRoot       lower-case hex root recomputed over all entries, or null when an entry is bad
 * @param firstBadIndex  the lowest entry index found tampered or missing, or null (also when the problem is a
 *                       checkpoint rather than an entry)
 * @param problem        what is wrong, or null when {@code ok}
 */
public record VerificationReport(boolean ok, long entriesChecked, String treeRoot, Long firstBadIndex, String problem) {
}
