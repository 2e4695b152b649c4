package org.leakdesk.infra.audit;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Merkle tree hashing as RFC 9162 (Certificate Transparency 2.0) defines it, section 2.1: leaf =
 * SHA-256(0x00 || entry), node = SHA-256(0x01 || left || right), the tree left-balanced. Proofs
 * are built from a list of leaf hashes and checked without one.
 */
final class MerkleTree {

    private MerkleTree() {}

    static byte[] leafHash(byte[] entry) {
        MessageDigest sha256 = ChainHash.sha256();
        sha256.update((byte) 0);
        return sha256.digest(entry);
    }

    static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha256 = ChainHash.sha256();
        sha256.update((byte) 1);
        sha256.update(left);
        return sha256.digest(right);
    }

    /** MTH(D[n]) over the given leaf hashes. */
    static byte[] root(List<byte[]> leaves) {
        Accumulator accumulator = new Accumulator();
        leaves.forEach(accumulator::add);
        return accumulator.root();
    }

    /** PATH(m, D[n]): the audit path that proves leaf {@code index} is in the tree of all {@code leaves}. */
    static List<byte[]> inclusionProof(List<byte[]> leaves, int index) {
        if (index < 0 || index >= leaves.size()) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of " + leaves.size());
        }
        List<byte[]> proof = new ArrayList<>();
        path(leaves, index, proof);
        return proof;
    }

    private static void path(List<byte[]> leaves, int index, List<byte[]> proof) {
        int n = leaves.size();
        if (n == 1) {
            return;
        }
        int k = split(n);
        if (index < k) {
            path(leaves.subList(0, k), index, proof);
            proof.add(root(leaves.subList(k, n)));
        } else {
            path(leaves.subList(k, n), index - k, proof);
            proof.add(root(leaves.subList(0, k)));
        }
    }

    /** PROOF(m, D[n]): proves the tree of the first {@code m} leaves is a prefix of the tree of all. */
    static List<byte[]> consistencyProof(List<byte[]> leaves, int m) {
        if (m < 1 || m > leaves.size()) {
            throw new IllegalArgumentException("no consistency proof from " + m + " to " + leaves.size());
        }
        List<byte[]> proof = new ArrayList<>();
        subproof(leaves, m, true, proof);
        return proof;
    }

    private static void subproof(List<byte[]> leaves, int m, boolean complete, List<byte[]> proof) {
        int n = leaves.size();
        if (m == n) {
            if (!complete) {
                proof.add(root(leaves));
            }
            return;
        }
        int k = split(n);
        if (m <= k) {
            subproof(leaves.subList(0, k), m, complete, proof);
            proof.add(root(leaves.subList(k, n)));
        } else {
            subproof(leaves.subList(k, n), m - k, false, proof);
            proof.add(root(leaves.subList(0, k)));
        }
    }

    /** RFC 9162 section 2.1.3.2. */
    static boolean verifyInclusion(long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root) {
        if (index < 0 || index >= size) {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, root);
    }

    /** RFC 9162 section 2.1.4.2. */
    static boolean verifyConsistency(long first, long second, byte[] firstRoot, byte[] secondRoot, List<byte[]> proof) {
        if (first < 1 || first > second) {
            return false;
        }
        if (first == second) {
            return proof.isEmpty() && MessageDigest.isEqual(firstRoot, secondRoot);
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(first) == 1) {
            path.add(0, firstRoot);
        }
        if (path.isEmpty()) {
            return false;
        }
        long fn = first - 1;
        long sn = second - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(fr, firstRoot) && MessageDigest.isEqual(sr, secondRoot);
    }

    /** The largest power of two smaller than {@code n} (n > 1). */
    private static int split(int n) {
        return Integer.highestOneBit(n - 1);
    }

    /**
     * Computes MTH of a growing list of leaves in one pass with O(log n) memory: the roots of the
     * perfect subtrees that make up the left-balanced tree so far (its "compact range").
     */
    static final class Accumulator {

        private final List<byte[]> roots = new ArrayList<>();
        private final List<Long> sizes = new ArrayList<>();
        private long size;

        void add(byte[] leafHash) {
            byte[] hash = leafHash;
            long height = 1;
            while (!sizes.isEmpty() && sizes.get(sizes.size() - 1) == height) {
                hash = nodeHash(roots.remove(roots.size() - 1), hash);
                sizes.remove(sizes.size() - 1);
                height *= 2;
            }
            roots.add(hash);
            sizes.add(height);
            size++;
        }

        long size() {
            return size;
        }

        /** MTH of the leaves added so far; SHA-256 of nothing for an empty tree. */
        byte[] root() {
            if (roots.isEmpty()) {
                return ChainHash.sha256().digest();
            }
            byte[] hash = roots.get(roots.size() - 1);
            for (int i = roots.size() - 2; i >= 0; i--) {
                hash = nodeHash(roots.get(i), hash);
            }
            return hash;
        }
    }
}
