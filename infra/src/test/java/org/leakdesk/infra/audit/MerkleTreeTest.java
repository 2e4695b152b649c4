package org.leakdesk.infra.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {

    private static final HexFormat HEX = HexFormat.of();

    /** The eight-leaf vector from Certificate Transparency's reference tests (RFC 6962 hashing, as RFC 9162). */
    @Test
    void matchesTheCertificateTransparencyTestVector() {
        List<byte[]> leaves = new ArrayList<>();
        for (String data : List.of(
                "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f")) {
            leaves.add(MerkleTree.leafHash(HEX.parseHex(data)));
        }

        assertThat(HEX.formatHex(MerkleTree.root(leaves)))
                .isEqualTo("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
    }

    @Test
    void theOnePassRootEqualsTheRecursiveDefinition() {
        List<byte[]> leaves = leaves(70);
        for (int n = 1; n <= leaves.size(); n++) {
            assertThat(MerkleTree.root(leaves.subList(0, n))).isEqualTo(mth(leaves.subList(0, n)));
        }
    }

    @Test
    void everyInclusionProofChecksAndAChangedLeafDoesNot() {
        List<byte[]> leaves = leaves(37);
        for (int n = 1; n <= leaves.size(); n++) {
            List<byte[]> tree = leaves.subList(0, n);
            byte[] root = MerkleTree.root(tree);
            for (int i = 0; i < n; i++) {
                List<byte[]> proof = MerkleTree.inclusionProof(tree, i);
                assertThat(MerkleTree.verifyInclusion(i, n, tree.get(i), proof, root))
                        .as("leaf %d of %d", i, n)
                        .isTrue();
                assertThat(MerkleTree.verifyInclusion(i, n, MerkleTree.leafHash(new byte[] {9}), proof, root))
                        .isFalse();
                if (n > 1) {
                    assertThat(MerkleTree.verifyInclusion((i + 1) % n, n, tree.get(i), proof, root))
                            .isFalse();
                }
            }
        }
    }

    @Test
    void everyConsistencyProofChecksAndARewrittenPrefixDoesNot() {
        List<byte[]> leaves = leaves(37);
        for (int n = 1; n <= leaves.size(); n++) {
            byte[] second = MerkleTree.root(leaves.subList(0, n));
            for (int m = 1; m <= n; m++) {
                byte[] first = MerkleTree.root(leaves.subList(0, m));
                List<byte[]> proof = MerkleTree.consistencyProof(leaves.subList(0, n), m);
                assertThat(MerkleTree.verifyConsistency(m, n, first, second, proof))
                        .as("%d to %d", m, n)
                        .isTrue();
                List<byte[]> rewritten = new ArrayList<>(leaves.subList(0, m));
                rewritten.set(0, MerkleTree.leafHash(new byte[] {9}));
                assertThat(MerkleTree.verifyConsistency(m, n, MerkleTree.root(rewritten), second, proof))
                        .isFalse();
            }
        }
    }

    private static List<byte[]> leaves(int count) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            leaves.add(MerkleTree.leafHash(new byte[] {(byte) i, (byte) (i >> 8)}));
        }
        return leaves;
    }

    /** MTH straight from RFC 9162 section 2.1.1. */
    private static byte[] mth(List<byte[]> leaves) {
        if (leaves.size() == 1) {
            return leaves.get(0);
        }
        int k = Integer.highestOneBit(leaves.size() - 1);
        return MerkleTree.nodeHash(mth(leaves.subList(0, k)), mth(leaves.subList(k, leaves.size())));
    }
}
