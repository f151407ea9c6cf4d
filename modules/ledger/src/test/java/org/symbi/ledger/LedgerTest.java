package org.symbi.ledger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.store.DataDir;
import org.symbi.store.Database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LedgerTest {
    @TempDir
    Path tmp;
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T12:00:00Z"));
    final InstantSource clock = now::get;
    final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    Ledger memoryLedger(LedgerConfig config) {
        Database db = Database.inMemory("ledger-" + UUID.randomUUID());
        open.add(db);
        return Ledger.open(db, new DataDir(tmp.resolve(UUID.randomUUID().toString())), clock, config);
    }

    static EntryDraft draft(int i) {
        ObjectNode payload = EntryCodec.JSON.createObjectNode().put("n", i).put("note", "step " + i);
        return EntryDraft.of(EntryDraft.agent("coder-" + (i % 3)), "tool.exec", "repo/file" + i, EntryDraft.EXECUTED, payload);
    }

    @Test
    void everyReceiptOfEveryTreeUpTo70VerifiesOffline() {
        Ledger ledger = memoryLedger(LedgerConfig.DEFAULTS);
        List<byte[]> leaves = new ArrayList<>();
        for (int size = 1; size <= 70; size++) {
            LedgerEntry e = ledger.append(draft(size));
            assertThat(e.seq()).isEqualTo(size - 1);
            leaves.add(Hashes.leaf(e.canonicalBytes()));
            SignedCheckpoint cp = ledger.checkpoint();
            assertThat(cp.treeSize()).isEqualTo(size);
            assertThat(cp.rootHash()).isEqualTo(Hashes.hex(Reference.mth(leaves)));
            for (int i = 0; i < size; i++) {
                TrustReceipt r = ledger.receipt(i);
                assertThat(r.treeSize()).isEqualTo(size);
                assertThat(ReceiptVerifier.verify(r.toJson(), ledger.publicKey()).problem()).isNull();
            }
        }
        VerificationReport report = ledger.verify(n -> { });
        assertThat(report).isEqualTo(new VerificationReport(true, 70, Hashes.hex(Reference.mth(leaves)), null, null));
    }

    @Test
    void verifyingWhileEntriesAndCheckpointsAreWrittenNeverReportsTampering() throws Exception {
        Database db = Database.open(new DataDir(tmp.resolve("busy")));
        open.add(db);
        Ledger ledger = Ledger.open(db, new DataDir(tmp.resolve("busy")), clock, LedgerConfig.DEFAULTS);
        open.add(ledger);
        java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread writer = Thread.ofPlatform().start(() -> {
            for (int i = 0; writing.get(); i++) {
                ledger.appendBatch(List.of(draft(i), draft(i + 1)));
                if (i % 5 == 0) {
                    ledger.checkpoint();
                }
            }
        });
        try {
            for (int run = 0; run < 40; run++) {
                VerificationReport report = ledger.verify(n -> { });
                assertThat(report.problem()).as("run " + run).isNull();
                assertThat(report.ok()).isTrue();
            }
        } finally {
            writing.set(false);
            writer.join();
        }
    }

    @Test
    void consistencyProofsBetweenAllSizesUpTo40() {
        Ledger ledger = memoryLedger(new LedgerConfig(1, Duration.ofHours(1)));
        List<String> notes = new ArrayList<>();
        notes.add(ledger.checkpoint().note());
        for (int i = 0; i < 40; i++) {
            ledger.append(draft(i));
            notes.add(ledger.latestCheckpoint().orElseThrow().note());
        }
        List<String> roots = notes.stream().map(note -> SignedCheckpoint.parse(note, ledger.publicKey()).rootHash()).toList();
        for (int m = 0; m <= 40; m++) {
            for (int n = m; n <= 40; n++) {
                ConsistencyProof p = ledger.consistency(m, n);
                assertThat(p.fromRoot()).isEqualTo(roots.get(m));
                assertThat(p.toRoot()).isEqualTo(roots.get(n));
                assertThat(p.verify().problem()).as("%d -> %d", m, n).isNull();
                if (!p.proof().isEmpty()) {
                    List<String> broken = new ArrayList<>(p.proof());
                    broken.set(0, Hashes.hex(Hashes.sha256(new byte[] {1})));
                    assertThat(new ConsistencyProof(m, n, p.fromRoot(), p.toRoot(), broken).verify().ok()).isFalse();
                }
            }
        }
        assertThat(ledger.consistency(3, 9).verifyBetween(notes.get(3), notes.get(9), ledger.publicKey()).ok()).isTrue();
        assertThat(ledger.consistency(3, 9).verifyBetween(notes.get(9), notes.get(3), ledger.publicKey()).ok()).isFalse();
        assertThat(ledger.consistency(3, 9).verifyBetween(notes.get(3), notes.get(10), ledger.publicKey()).ok()).isFalse();
    }

    @Test
    void checkpointsAreSignedEveryNEntriesAndOnTick() {
        Ledger ledger = memoryLedger(new LedgerConfig(10, Duration.ofSeconds(30)));
        ledger.appendBatch(IntStream.range(0, 25).mapToObj(LedgerTest::draft).toList());
        assertThat(ledger.latestCheckpoint().orElseThrow().treeSize()).isEqualTo(25);
        ledger.append(draft(25));
        assertThat(ledger.tick()).isEmpty();
        now.set(now.get().plusSeconds(30));
        assertThat(ledger.tick().orElseThrow().treeSize()).isEqualTo(26);
        assertThat(ledger.tick()).isEmpty();
        assertThat(ledger.latestCheckpoint().orElseThrow().note()).contains("\ntime 2026-03-01T12:00:30Z\n");
    }

    @Test
    void checkpointNoteFollowsTheC2spFormat() {
        Ledger ledger = memoryLedger(LedgerConfig.DEFAULTS);
        ledger.append(draft(0));
        SignedCheckpoint cp = ledger.checkpoint();
        String[] lines = cp.note().split("\n", -1);
        assertThat(lines).hasSize(7);
        assertThat(lines[0]).isEqualTo(ledger.origin()).startsWith("symbi-ledger/");
        assertThat(lines[1]).isEqualTo("1");
        assertThat(java.util.Base64.getDecoder().decode(lines[2])).isEqualTo(Hashes.parseHash(cp.rootHash()));
        assertThat(lines[3]).isEqualTo("time 2026-03-01T12:00:00Z");
        assertThat(lines[4]).isEmpty();
        assertThat(lines[5]).startsWith("\u2014 " + ledger.origin() + " ");
        byte[] sig = java.util.Base64.getDecoder().decode(lines[5].substring(lines[5].lastIndexOf(' ') + 1));
        assertThat(sig).hasSize(68);
        assertThat(java.util.Arrays.copyOf(sig, 4)).isEqualTo(SignedCheckpoint.keyId(ledger.origin(), ledger.publicKey()));
        assertThat(lines[6]).isEmpty();
        assertThat(SignedCheckpoint.parse(cp.note(), ledger.publicKey())).isEqualTo(cp);
    }

    @Test
    void outcomesAreEntriesOfTheirOwnAndCanBeFiltered() {
        Ledger ledger = memoryLedger(LedgerConfig.DEFAULTS);
        String agent = EntryDraft.agent("planner");
        LedgerEntry asked = ledger.append(EntryDraft.of(agent, "shell.run", "ci", EntryDraft.REQUESTED, null));
        ObjectNode ref = EntryCodec.JSON.createObjectNode().put("request_seq", asked.seq());
        ledger.append(EntryDraft.of(EntryDraft.person("dana"), "shell.run", "ci", EntryDraft.APPROVED, ref));
        ledger.append(EntryDraft.of(agent, "shell.run", "ci", EntryDraft.EXECUTED, ref));
        ledger.append(EntryDraft.of(agent, "shell.run", "ci", EntryDraft.RESULT, ref.deepCopy().put("exit", 0)));
        ledger.append(EntryDraft.of(agent, "file.write", "secrets", EntryDraft.DENIED, null));

        assertThat(ledger.entries(0, 100).stream().map(LedgerEntry::outcome))
                .containsExactly("requested", "approved", "executed", "result", "denied");
        assertThat(ledger.entries(0, 100, agent, "shell.run", null)).extracting(LedgerEntry::seq).containsExactly(0L, 2L, 3L);
        assertThat(ledger.entries(1, 1, null, null, "ci")).extracting(LedgerEntry::actor).containsExactly("person:dana");
        assertThat(ledger.entries(0, 1).getFirst().payload().isNull()).isTrue();
        assertThatThrownBy(() -> EntryDraft.of("dana", "x", "", "ok", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void countersignaturesAreCheckedAtAppendAndInReceipts() throws Exception {
        Ledger ledger = memoryLedger(LedgerConfig.DEFAULTS);
        KeyPair agentKeys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        EntryDraft signed = draft(1).countersignedBy("coder-1", agentKeys);
        LedgerEntry e = ledger.append(signed);
        assertThat(e.countersignature()).isEqualTo(signed.countersignature());
        assertThat(e.canonicalJson()).contains("\"countersignature\":{\"agent_id\":\"coder-1\"");
        assertThat(ReceiptVerifier.verify(ledger.receipt(e.seq()).toJson(), ledger.publicKey()).ok()).isTrue();
        assertThat(ledger.verify(n -> { }).ok()).isTrue();

        EntryDraft otherContent = new EntryDraft(signed.actor(), signed.action(), "another subject", signed.outcome(),
                signed.payload(), signed.countersignature());
        assertThatThrownBy(() -> ledger.append(otherContent)).hasMessageContaining("does not verify");
        assertThatThrownBy(() -> ledger.append(draft(2).countersignedBy("coder-1", agentKeys)))
                .hasMessageContaining("whose actor is agent:coder-2");
        assertThat(ledger.size()).isEqualTo(1);
    }

    @Test
    void restartKeepsTheTreeAndTheKey() throws Exception {
        DataDir dir = new DataDir(tmp.resolve("room"));
        List<byte[]> leaves = new ArrayList<>();
        String origin;
        try (Database db = Database.open(dir); Ledger ledger = Ledger.open(db, dir, clock)) {
            origin = ledger.origin();
            for (LedgerEntry e : ledger.appendBatch(IntStream.range(0, 37).mapToObj(LedgerTest::draft).toList())) {
                leaves.add(Hashes.leaf(e.canonicalBytes()));
            }
        }
        try (Database db = Database.open(dir); Ledger ledger = Ledger.open(db, dir, clock)) {
            assertThat(ledger.origin()).isEqualTo(origin);
            assertThat(ledger.size()).isEqualTo(37);
            assertThat(ledger.latestCheckpoint().orElseThrow().treeSize()).isEqualTo(37); // signed on close
            for (int i = 37; i < 50; i++) {
                LedgerEntry e = ledger.append(draft(i));
                assertThat(e.contextHash()).isEqualTo(Hashes.hex(Reference.mth(leaves)));
                leaves.add(Hashes.leaf(e.canonicalBytes()));
            }
            assertThat(ledger.checkpoint().rootHash()).isEqualTo(Hashes.hex(Reference.mth(leaves)));
            assertThat(ledger.verify(n -> { }).ok()).isTrue();
            assertThat(ReceiptVerifier.verify(ledger.receipt(40).toJson(), ledger.publicKey()).ok()).isTrue();
        }
        Path key = dir.resolve("keys").resolve("ledger.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(Files.readString(dir.resolve("ledger").resolve("checkpoint.note"))).startsWith(origin + "\n50\n");
    }

    @Test
    void verificationReportsProgress() {
        Ledger ledger = memoryLedger(LedgerConfig.DEFAULTS);
        ledger.appendBatch(IntStream.range(0, 5000).mapToObj(LedgerTest::draft).toList());
        List<Long> progress = new ArrayList<>();
        assertThat(ledger.verify(progress::add).ok()).isTrue();
        assertThat(progress).containsExactly(4096L, 5000L);
    }
}
