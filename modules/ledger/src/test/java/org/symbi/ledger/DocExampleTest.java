package org.symbi.ledger;

import org.junit.jupiter.api.Test;
import org.symbi.protocol.Ed25519;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The worked example of docs/ledger.md, computed here so that the document cannot drift from the code. */
class DocExampleTest {
    /** RFC 8032 §7.1 TEST 1 key pair, so the example signature is reproducible. */
    static final String SEED = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    static final String PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

    @Test
    void workedExample() throws Exception {
        PrivateKey priv = KeyFactory.getInstance("Ed25519").generatePrivate(
                new PKCS8EncodedKeySpec(HexFormat.of().parseHex("302e020100300506032b657004220420" + SEED)));
        PublicKey pub = Ed25519.fromRaw(HexFormat.of().parseHex(PUBLIC));
        Instant time = Instant.parse("2026-03-01T12:00:00.250Z");

        var payload = EntryCodec.JSON.readTree("{\"cmd\":\"mvn test\",\"exit\":0}");
        byte[] e0 = EntryCodec.encode(EntryDraft.of("agent:coder-1", "shell.run", "repo/app", "requested", payload), 0, time,
                Hashes.emptyRoot());
        byte[] l0 = Hashes.leaf(e0);
        Frontier f = new Frontier();
        f.append(l0, (level, idx, hash) -> { });
        byte[] e1 = EntryCodec.encode(EntryDraft.of("person:dana", "shell.run", "repo/app", "approved",
                EntryCodec.JSON.readTree("{\"request_seq\":0}")), 1, time, f.root());
        byte[] l1 = Hashes.leaf(e1);
        f.append(l1, (level, idx, hash) -> { });
        String origin = "symbi-ledger/" + Hashes.hex(Hashes.sha256(HexFormat.of().parseHex(PUBLIC))).substring(0, 16);
        SignedCheckpoint cp = SignedCheckpoint.sign(origin, 2, f.root(), time, priv, pub);

        assertThat(new String(e0, StandardCharsets.UTF_8)).isEqualTo("{\"action\":\"shell.run\",\"actor\":\"agent:coder-1\","
                + "\"context_hash\":\"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\",\"outcome\":\"requested\","
                + "\"payload\":{\"cmd\":\"mvn test\",\"exit\":0},\"seq\":0,\"subject\":\"repo/app\","
                + "\"time\":\"2026-03-01T12:00:00.250Z\",\"v\":1}");
        assertThat(Hashes.hex(l0)).isEqualTo("bea84ef54f0aa7a013dec4c85eb3e789734bb13817013690767f2a567898b0a9");
        assertThat(new String(e1, StandardCharsets.UTF_8)).contains("\"context_hash\":\"" + Hashes.hex(l0) + "\"");
        assertThat(Hashes.hex(l1)).isEqualTo("7b8daea6fea050e075dc7f0ba158456d3c60d02954d8dc2d1be1acc7ca515b96");
        assertThat(Hashes.hex(f.root())).isEqualTo("3e54dab0f5d08d1533ad27978af6dcb2f5adee2235512afedd54ce78b9634c52");
        assertThat(Hashes.hex(SignedCheckpoint.keyId(origin, pub))).isEqualTo("d8356aaf");
        assertThat(cp.note()).isEqualTo("""
                symbi-ledger/21fe31dfa154a261
                2
                PlTasPXQjRUzrSeXivbcsvWt7iI1USr+3VTOeLljTFI=
                time 2026-03-01T12:00:00.250Z

                \u2014 symbi-ledger/21fe31dfa154a261 2DVqr7zun3gwFQf7Bfh8wvCDmWenqJClv0L11MoJhupariKqWC5NYOJSeiDwd0pVrev3cZr50L4nuMsH3ELtFjbFngg=
                """);
        assertThat(MerkleTree.verifyInclusion(1, 2, l1, List.of(l0), f.root())).isTrue();
    }
}
