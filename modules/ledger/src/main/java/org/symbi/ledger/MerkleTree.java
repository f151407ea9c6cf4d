package org.symbi.ledger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RFC 9162 §2.1 over any source of subtree hashes: tree heads, inclusion paths (§2.1.3) and consistency proofs
 * (§2.1.4), generation and verification.
 */
final class MerkleTree {

    /** The hash of the subtree over leaves {@code [start, start + size)}; size ≥ 1. */
    @FunctionalInterface
    interface Subtrees {
        byte[] hash(long start, long size);
    }

    private MerkleTree() {
    }

    /** The largest power of two smaller than n (n ≥ 2): the RFC's k. */
    static long split(long n) {
        return Long.highestOneBit(n - 1);
    }

    static boolean isPerfect(long start, long size) {
        return Long.bitCount(size) == 1 && start % size == 0;
    }

    /** MTH(D[start:start+size]), splitting any range that is not a perfect subtree into perfect ones. */
    static byte[] rangeHash(long start, long size, Subtrees perfect) {
        if (isPerfect(start, size)) {
            return perfect.hash(start, size);
        }
        long k = split(size);
        return Hashes.node(perfect.hash(start, k), rangeHash(start + k, size - k, perfect));
    }

    static byte[] root(long size, Subtrees subtrees) {
        return size == 0 ? Hashes.emptyRoot() : rangeHash(0, size, subtrees);
    }

    /** PATH(m, D[n]), RFC 9162 §2.1.3.1, listed from the leaf upwards. */
    static List<byte[]> inclusionPath(long index, long size, Subtrees subtrees) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of size " + size);
        }
        long start = 0;
        long n = size;
        long m = index;
        List<byte[]> siblings = new ArrayList<>();
        while (n > 1) {
            long k = split(n);
            if (m < k) {
                siblings.add(rangeHash(start + k, n - k, subtrees));
                n = k;
            } else {
                siblings.add(rangeHash(start, k, subtrees));
                start += k;
                m -= k;
                n -= k;
            }
        }
        // Collected from the root down; the proof lists them from the leaf up.
        return new ArrayList<>(siblings.reversed());
    }

    /** PROOF(m, D[n]) = SUBPROOF(m, D[n], true), RFC 9162 §2.1.4.1; empty when m is 0 or n. */
    static List<byte[]> consistencyProof(long m, long n, Subtrees subtrees) {
        if (m < 0 || m > n) {
            throw new IllegalArgumentException("no consistency proof from size " + m + " to size " + n);
        }
        List<byte[]> proof = new ArrayList<>();
        if (m == 0 || m == n) {
            return proof;
        }
        subproof(m, 0, n, true, subtrees, proof);
        return proof;
    }

    private static void subproof(long m, long start, long n, boolean whole, Subtrees subtrees, List<byte[]> out) {
        if (m == n) {
            if (!whole) {
                out.add(rangeHash(start, n, subtrees));
            }
            return;
        }
        long k = split(n);
        if (m <= k) {
            subproof(m, start, k, whole, subtrees, out);
            out.add(rangeHash(start + k, n - k, subtrees));
        } else {
            subproof(m - k, start + k, n - k, false, subtrees, out);
            out.add(rangeHash(start, k, subtrees));
        }
    }

    /** The root an inclusion path leads to (RFC 9162 §2.1.3.2), or null when the path cannot fit the tree size. */
    static byte[] rootFromInclusion(long index, long size, byte[] leafHash, List<byte[]> path) {
        if (index < 0 || index >= size) {
            return null;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0 || p.length != Hashes.SIZE) {
                return null;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = Hashes.node(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = Hashes.node(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 ? r : null;
    }

    static boolean verifyInclusion(long index, long size, byte[] leafHash, List<byte[]> path, byte[] root) {
        return Arrays.equals(rootFromInclusion(index, size, leafHash, path), root);
    }

    /** RFC 9162 §2.1.4.2, plus the trivial cases: from size 0 anything, and equal sizes need equal roots. */
    static boolean verifyConsistency(long m, long n, byte[] firstRoot, byte[] secondRoot, List<byte[]> proof) {
        if (m < 0 || m > n) {
            return false;
        }
        if (m == 0 || m == n) {
            return proof.isEmpty() && (m == 0 || Arrays.equals(firstRoot, secondRoot));
        }
        if (proof.isEmpty() || proof.stream().anyMatch(p -> p.length != Hashes.SIZE)) {
            return false;
        }
        List<byte[]> c = new ArrayList<>(proof);
        if (Long.bitCount(m) == 1) {
            c.addFirst(firstRoot);
        }
        long fn = m - 1;
        long sn = n - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = c.getFirst();
        byte[] sr = c.getFirst();
        for (byte[] p : c.subList(1, c.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = Hashes.node(p, fr);
                sr = Hashes.node(p, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = Hashes.node(sr, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(fr, firstRoot) && Arrays.equals(sr, secondRoot);
    }
}
