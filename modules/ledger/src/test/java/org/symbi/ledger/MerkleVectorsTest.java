package org.symbi.ledger;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The RFC 6962 test tree of Certificate Transparency, as published in github.com/transparency-dev/merkle:
 * leaf inputs and roots for sizes 0..8 from testonly/constants.go, inclusion and consistency proofs from
 * proof/verify_test.go (there leaf numbers are 1-based; here indices are 0-based).
 */
class MerkleVectorsTest {
    private static final HexFormat HEX = HexFormat.of();
    static final List<byte[]> LEAVES = List.of(h(""), h("00"), h("10"), h("2021"), h("3031"), h("40414243"),
            h("5051525354555657"), h("606162636465666768696a6b6c6d6e6f"));
    private static final List<String> ROOTS = List.of(
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    private static byte[] h(String hex) {
        return HEX.parseHex(hex);
    }

    private static MerkleTree.Subtrees tree() {
        List<byte[]> hashes = LEAVES.stream().map(Hashes::leaf).toList();
        return Reference.subtrees(hashes);
    }

    @Test
    void leafHashesAndRootsForEverySize() {
        assertThat(Hashes.hex(Hashes.leaf(LEAVES.get(0)))).isEqualTo(ROOTS.get(1));
        Frontier frontier = new Frontier();
        for (int size = 0; size <= 8; size++) {
            assertThat(Hashes.hex(MerkleTree.root(size, tree()))).as("root of %d", size).isEqualTo(ROOTS.get(size));
            assertThat(Hashes.hex(frontier.root())).as("frontier root of %d", size).isEqualTo(ROOTS.get(size));
            if (size < 8) {
                frontier.append(Hashes.leaf(LEAVES.get(size)), (level, idx, hash) -> { });
            }
        }
    }

    @Test
    void publishedInclusionProofs() {
        inclusion(0, 8, "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
        inclusion(5, 8, "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
        inclusion(2, 3, "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125");
        inclusion(1, 5, "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
        inclusion(0, 1);
    }

    private void inclusion(long index, long size, String... expected) {
        List<byte[]> path = MerkleTree.inclusionPath(index, size, tree());
        assertThat(path.stream().map(Hashes::hex).toList()).containsExactly(expected);
        byte[] leaf = Hashes.leaf(LEAVES.get((int) index));
        byte[] root = h(ROOTS.get((int) size));
        assertThat(MerkleTree.verifyInclusion(index, size, leaf, path, root)).isTrue();
        assertThat(MerkleTree.verifyInclusion(index + 1, size, leaf, path, root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(index, size * 2, leaf, path, root)).isFalse();
    }

    @Test
    void publishedConsistencyProofs() {
        consistency(1, 1);
        consistency(1, 8, "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
        consistency(6, 8, "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
        consistency(2, 5, "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
        consistency(6, 7, "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
    }

    private void consistency(long m, long n, String... expected) {
        List<byte[]> proof = MerkleTree.consistencyProof(m, n, tree());
        assertThat(proof.stream().map(Hashes::hex).toList()).containsExactly(expected);
        byte[] first = h(ROOTS.get((int) m));
        byte[] second = h(ROOTS.get((int) n));
        assertThat(MerkleTree.verifyConsistency(m, n, first, second, proof)).isTrue();
        assertThat(MerkleTree.verifyConsistency(m, n, second, first, proof)).isEqualTo(m == n);
        if (!proof.isEmpty()) {
            assertThat(MerkleTree.verifyConsistency(m, n, first, second, proof.subList(0, proof.size() - 1))).isFalse();
        }
    }

    @Test
    void allProofsOfSmallTreesAgainstTheReference() {
        List<byte[]> leaves = java.util.stream.IntStream.range(0, 40).mapToObj(i -> Hashes.leaf(new byte[] {(byte) i})).toList();
        MerkleTree.Subtrees t = Reference.subtrees(leaves);
        for (int n = 0; n <= 40; n++) {
            byte[] root = Reference.mth(leaves.subList(0, n));
            for (int i = 0; i < n; i++) {
                assertThat(MerkleTree.verifyInclusion(i, n, leaves.get(i), MerkleTree.inclusionPath(i, n, t), root)).isTrue();
            }
            for (int m = 0; m <= n; m++) {
                byte[] first = Reference.mth(leaves.subList(0, m));
                assertThat(MerkleTree.verifyConsistency(m, n, first, root, MerkleTree.consistencyProof(m, n, t)))
                        .as("%d -> %d", m, n).isTrue();
            }
        }
    }
}
