package org.symbi.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.store.DataDir;
import org.symbi.store.Database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RollbackAndReceiptTest {
    @TempDir
    Path tmp;

    private static void append(DataDir dir, int from, int to, String action) {
        try (Database db = Database.open(dir); Ledger ledger = Ledger.open(db, dir, () -> Instant.parse("2026-03-01T12:00:00Z"))) {
            ledger.appendBatch(IntStream.range(from, to)
                    .mapToObj(i -> EntryDraft.of("system:kernel", action, "t" + i, "ok", null)).toList());
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    @Test
    void restoringAnOlderDatabaseIsCaughtAndAppendsAreRefused() throws Exception {
        DataDir dir = new DataDir(tmp.resolve("room"));
        append(dir, 0, 10, "build");
        Path backup = tmp.resolve("backup");
        Files.createDirectories(backup);
        Files.copy(dir.resolve("symbi.mv.db"), backup.resolve("symbi.mv.db"));
        append(dir, 10, 15, "build");
        Files.copy(backup.resolve("symbi.mv.db"), dir.resolve("symbi.mv.db"), StandardCopyOption.REPLACE_EXISTING);

        try (Database db = Database.open(dir); Ledger ledger = Ledger.open(db, dir, Instant::now)) {
            VerificationReport r = ledger.verify(n -> { });
            assertThat(r.ok()).isFalse();
            assertThat(r.firstBadIndex()).isEqualTo(10);
            assertThat(r.problem()).contains("the checkpoint file covers 15 entries but the ledger has only 10");
            assertThatThrownBy(() -> ledger.append(EntryDraft.of("system:kernel", "x", "", "ok", null)))
                    .isInstanceOf(LedgerException.class).hasMessageContaining("refuses appends");
        }
        assertThat(Files.readString(dir.resolve("ledger").resolve("checkpoint.note"))).contains("\n15\n");
    }

    @Test
    void aRewrittenHistoryOfTheSameLengthIsCaught() throws Exception {
        DataDir dir = new DataDir(tmp.resolve("room"));
        append(dir, 0, 10, "build");
        Path backup = tmp.resolve("backup");
        Files.createDirectories(backup);
        copyTree(dir.root(), backup);
        append(dir, 10, 15, "build");
        String genuine = Files.readString(dir.resolve("ledger").resolve("checkpoint.note"));

        copyTree(backup, dir.root());
        append(dir, 10, 15, "forged");
        try (Database db = Database.open(dir); Ledger ledger = Ledger.open(db, dir, Instant::now)) {
            assertThat(ledger.verify(n -> { }).ok()).isTrue(); // consistent with itself...
            VerificationReport r = ledger.verify(n -> { }, List.of(genuine)); // ...but not with the exported checkpoint
            assertThat(r.ok()).isFalse();
            assertThat(r.problem()).startsWith("exported checkpoint 1 at size 15 does not match the recomputed tree");
        }
        Files.writeString(dir.resolve("ledger").resolve("checkpoint.note"), genuine);
        try (Database db = Database.open(dir); Ledger ledger = Ledger.open(db, dir, Instant::now)) {
            assertThat(ledger.verify(n -> { }).problem()).startsWith("the checkpoint file at size 15 does not match");
        }
    }

    @Test
    void aReceiptFailsWhenAnyFieldChanges() throws Exception {
        DataDir dir = new DataDir(tmp.resolve("room"));
        try (Database db = Database.inMemory("receipt-" + System.nanoTime());
             Ledger ledger = Ledger.open(db, dir, () -> Instant.parse("2026-03-01T12:00:00Z"))) {
            ledger.appendBatch(IntStream.range(0, 6).mapToObj(i -> EntryDraft.of("agent:a", "act", "s" + i, "ok", null)).toList());
            ledger.append(EntryDraft.of("agent:b", "act", "s", "ok", null)
                    .countersignedBy("b", KeyPairGenerator.getInstance("Ed25519").generateKeyPair()));
            String json = ledger.receipt(6).toJson();
            assertThat(ReceiptVerifier.verify(json, ledger.publicKey()).ok()).isTrue();
            ObjectNode receipt = (ObjectNode) EntryCodec.JSON.readTree(json);
            int mutations = 0;
            for (String field : receipt.properties().stream().map(java.util.Map.Entry::getKey).toList()) {
                for (JsonNode changed : mutations(receipt.get(field))) {
                    ObjectNode copy = receipt.deepCopy();
                    copy.set(field, changed);
                    assertThat(ReceiptVerifier.verify(copy.toString(), ledger.publicKey()).ok()).as(field + " = " + changed).isFalse();
                    mutations++;
                }
                ObjectNode without = receipt.deepCopy();
                without.remove(field);
                assertThat(ReceiptVerifier.verify(without.toString(), ledger.publicKey()).ok()).isFalse();
            }
            assertThat(mutations).isGreaterThan(300);
            receipt.put("extra", 1);
            assertThat(ReceiptVerifier.verify(receipt.toString(), ledger.publicKey()).ok()).isFalse();
            assertThat(ReceiptVerifier.verify(json, KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic()).ok()).isFalse();
        }
    }

    /** Each character changed in turn for strings; off by one for numbers; each element changed, one dropped, one added. */
    private static List<JsonNode> mutations(JsonNode value) {
        if (value.isTextual()) {
            String s = value.textValue();
            return IntStream.range(0, s.length())
                    .mapToObj(i -> (JsonNode) new TextNode(s.substring(0, i) + (char) (s.charAt(i) ^ 1) + s.substring(i + 1))).toList();
        }
        if (value.isNumber()) {
            return List.of(EntryCodec.JSON.getNodeFactory().numberNode(value.longValue() + 1),
                    EntryCodec.JSON.getNodeFactory().numberNode(value.longValue() - 1));
        }
        ArrayNode array = (ArrayNode) value;
        List<JsonNode> out = new java.util.ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            ArrayNode changed = array.deepCopy();
            changed.set(i, new TextNode(Hashes.hex(Hashes.sha256(new byte[] {(byte) i}))));
            out.add(changed);
        }
        ArrayNode shorter = array.deepCopy();
        shorter.remove(shorter.size() - 1);
        out.add(shorter);
        out.add(array.deepCopy().add(array.get(0)));
        return out;
    }
}
