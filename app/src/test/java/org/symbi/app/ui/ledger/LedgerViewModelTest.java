package org.symbi.app.ui.ledger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.app.ui.RoomFixture;
import org.symbi.ledger.EntryDraft;
import org.symbi.ledger.Ledger;
import org.symbi.ledger.LedgerEntry;
import org.symbi.ledger.ReceiptVerifier;
import org.symbi.ledger.VerificationResult;
import org.symbi.store.KeyFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The ledger view's model on a real room: entries, filters, pages, verification (also of a tampered row), receipts. */
class LedgerViewModelTest {
    @TempDir
    Path data;
    private RoomFixture room;
    private Ledger ledger;

    @BeforeEach
    void open() throws Exception {
        room = RoomFixture.open(data);
        ledger = room.room().kernel().ledger();
    }

    @AfterEach
    void close() {
        room.close();
    }

    private LedgerViewModel model() {
        LedgerViewModel model = new LedgerViewModel(room.context());
        room.drain();
        return model;
    }

    private LedgerEntry append(String actor, String action, String subject) {
        return ledger.append(EntryDraft.of(actor, action, subject, EntryDraft.EXECUTED, null));
    }

    /** Rewrites one row behind the ledger's back, as someone with access to the database file could. */
    private void tamperWithSubject(long seq, String subject) throws SQLException {
        String url = "jdbc:h2:file:" + room.room().dataDir().databaseBase();
        try (Connection c = DriverManager.getConnection(url, "symbi", "");
             PreparedStatement s = c.prepareStatement("UPDATE ledger_entry SET subject = ? WHERE seq = ?")) {
            s.setString(1, subject);
            s.setLong(2, seq);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }

    private static List<String> subjects(LedgerViewModel model) {
        return model.rows().stream().map(LedgerRow::subject).toList();
    }

    @Test
    void anEntryTheAgentCountersignedShowsItsKey() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        LedgerEntry signed = ledger.append(EntryDraft.of("agent:alice", "task.result", "t-1", "success", null)
                .countersignedBy("alice", keys));
        append("agent:bob", "tool.exec", "repo/b");
        LedgerViewModel model = model();

        List<LedgerRow> rows = model.rows();
        LedgerRow alice = rows.get(rows.size() - 2);
        assertThat(alice.agentKey()).isEqualTo(signed.countersignature().publicKey());
        assertThat(alice.signedText()).isEqualTo("agent key " + signed.countersignature().publicKey().substring(0, 12));
        assertThat(rows.getLast().signedText()).isEmpty();
    }

    @Test
    void showsTheEntriesAndFiltersThemByActorActionAndSubject() {
        append("agent:alice", "tool.exec", "repo/a");
        append("agent:bob", "tool.exec", "repo/b");
        LedgerEntry last = append("agent:alice", "file.write", "repo/b");
        LedgerViewModel model = model();

        assertThat(subjects(model)).endsWith("repo/a", "repo/b", "repo/b");
        LedgerRow row = model.rows().getLast();
        assertThat(row.seq()).isEqualTo(last.seq());
        assertThat(row.actor()).isEqualTo("agent:alice");
        assertThat(row.action()).isEqualTo("file.write");
        assertThat(row.hashPrefix()).hasSize(LedgerRow.HASH_PREFIX).isEqualTo(last.leafHash().substring(0, 12));
        assertThat(model.sizeProperty().get()).isEqualTo(ledger.size());

        model.actorFilterProperty().set("agent:alice");
        model.applyFiltersCommand().execute();
        room.drain();
        assertThat(model.rows()).extracting(LedgerRow::action).containsExactly("tool.exec", "file.write");
        assertThat(model.pageTextProperty().get()).contains("(2 match)");

        model.actionFilterProperty().set(" file.write ");
        model.applyFiltersCommand().execute();
        room.drain();
        assertThat(subjects(model)).containsExactly("repo/b");

        model.actorFilterProperty().set("");
        model.actionFilterProperty().set("");
        model.subjectFilterProperty().set("repo/b");
        model.applyFiltersCommand().execute();
        room.drain();
        assertThat(model.rows()).extracting(LedgerRow::actor).containsExactly("agent:bob", "agent:alice");

        model.subjectFilterProperty().set("nothing/here");
        model.applyFiltersCommand().execute();
        room.drain();
        assertThat(model.rows()).isEmpty();
        assertThat(model.pageTextProperty().get()).contains("match the filters");

        model.clearFiltersCommand().execute();
        room.drain();
        assertThat(model.rows()).hasSize((int) ledger.size());
    }

    @Test
    void pagesThroughABigLedgerAndFollowsItsTail() {
        ledger.appendBatch(IntStream.range(0, 2 * LedgerViewModel.PAGE_SIZE + 300)
                .mapToObj(i -> EntryDraft.of("agent:bulk", "tool.exec", "item-" + i, EntryDraft.EXECUTED, null)).toList());
        long size = ledger.size();
        LedgerViewModel model = model();

        assertThat(model.rows()).hasSize(LedgerViewModel.PAGE_SIZE);
        assertThat(model.rows().getLast().seq()).isEqualTo(size - 1);
        assertThat(model.nextPageCommand().isExecutable()).isFalse();
        assertThat(model.previousPageCommand().isExecutable()).isTrue();

        model.firstPageCommand().execute();
        room.drain();
        assertThat(model.rows().getFirst().seq()).isZero();
        assertThat(model.previousPageCommand().isExecutable()).isFalse();
        assertThat(model.nextPageCommand().isExecutable()).isTrue();
        model.nextPageCommand().execute();
        room.drain();
        assertThat(model.rows().getFirst().seq()).isEqualTo(LedgerViewModel.PAGE_SIZE);
        model.previousPageCommand().execute();
        room.drain();
        assertThat(model.rows().getFirst().seq()).isZero();

        model.latestPageCommand().execute();
        room.drain();
        model.previousPageCommand().execute();
        room.drain();
        assertThat(model.rows().getFirst().seq()).isEqualTo(size - 2 * LedgerViewModel.PAGE_SIZE);
        assertThat(model.rows().getLast().seq()).isEqualTo(size - LedgerViewModel.PAGE_SIZE - 1);

        // A filtered last page that is not full grows as new entries arrive.
        model.actorFilterProperty().set("agent:late");
        model.applyFiltersCommand().execute();
        room.drain();
        assertThat(model.rows()).isEmpty();
        append("agent:late", "tool.exec", "first");
        append("agent:late", "tool.exec", "second");
        room.drain();
        assertThat(subjects(model)).containsExactly("first", "second");
    }

    @Test
    void verifiesAnIntactLedgerWithProgressAndItsCheckpoint() {
        IntStream.range(0, 20).forEach(i -> append("agent:alice", "tool.exec", "s" + i));
        LedgerViewModel model = model();
        LedgerVerification verification = model.verification();
        assertThat(verification.stateProperty().get()).isEqualTo(LedgerVerification.State.NOT_RUN);

        assertThat(verification.verifyCommand().execute()).isTrue();
        assertThat(verification.stateProperty().get()).isEqualTo(LedgerVerification.State.RUNNING);
        assertThat(verification.verifyCommand().isExecutable()).isFalse();
        room.drain();

        assertThat(verification.stateProperty().get()).isEqualTo(LedgerVerification.State.INTACT);
        assertThat(verification.progressProperty().get()).isEqualTo(1.0);
        assertThat(verification.firstBadIndexProperty().get()).isNull();
        assertThat(verification.resultProperty().get()).startsWith("Intact: all " + ledger.size() + " entries check out");
        assertThat(verification.verifyCommand().isExecutable()).isTrue();
        assertThat(model.publicKeyFile()).isEqualTo(data.resolve("keys").resolve("ledger.pub")).exists();
    }

    @Test
    void verificationFindsTheFirstTamperedRow() throws Exception {
        IntStream.range(0, 10).forEach(i -> append("agent:alice", "tool.exec", "s" + i));
        LedgerEntry forged = append("agent:mallory", "tool.exec", "the real subject");
        IntStream.range(0, 5).forEach(i -> append("agent:alice", "tool.exec", "after" + i));
        tamperWithSubject(forged.seq(), "a forged subject");
        LedgerViewModel model = model();

        model.verification().verifyCommand().execute();
        room.drain();

        LedgerVerification v = model.verification();
        assertThat(v.stateProperty().get()).isEqualTo(LedgerVerification.State.FAILED);
        assertThat(v.firstBadIndexProperty().get()).isEqualTo(forged.seq());
        assertThat(v.resultProperty().get()).startsWith("Not intact: the first bad entry is #" + forged.seq())
                .contains("subject");

        model.showEntry(forged.seq());
        room.drain();
        assertThat(model.selectedRowProperty().get().seq()).isEqualTo(forged.seq());
    }

    @Test
    void exportsATrustReceiptThatVerifiesOffline() throws Exception {
        LedgerEntry entry = append("agent:alice", "tool.exec", "repo/a");
        LedgerViewModel model = model();
        Path file = data.resolve("receipt.json");

        model.exportReceipt(file);
        assertThat(model.messageProperty().get()).startsWith("Select an entry first");
        assertThat(file).doesNotExist();

        model.selectedRowProperty().set(model.rows().stream().filter(r -> r.seq() == entry.seq()).findFirst().orElseThrow());
        assertThat(model.canExportReceipt().get()).isTrue();
        assertThat(model.suggestedReceiptName()).isEqualTo("receipt-" + entry.seq() + ".json");
        model.exportReceipt(file);
        room.drain();

        assertThat(model.messageProperty().get()).contains("written to " + file).contains("symbi ledger verify-receipt");
        VerificationResult result = ReceiptVerifier.verify(Files.readString(file),
                KeyFiles.readPublic(model.publicKeyFile()));
        assertThat(result.ok()).as(result.problem()).isTrue();
        assertThat(Files.readString(file)).contains("\"agent_id\" : \"agent:alice\"");
    }

    @Test
    void anExportThatCannotBeWrittenSaysWhyAndLosesNothing() {
        append("agent:alice", "tool.exec", "repo/a");
        LedgerViewModel model = model();
        model.selectedRowProperty().set(model.rows().getLast());

        model.exportReceipt(data.resolve("no-such-folder").resolve("receipt.json"));
        room.drain();

        assertThat(model.messageProperty().get()).startsWith("The receipt for entry #").contains("was not written");
        assertThat(model.selectedRowProperty().get()).isNotNull();
    }

    @Test
    void showsTheLatestSignedCheckpoint() {
        append("agent:alice", "tool.exec", "repo/a");
        ledger.checkpoint();
        LedgerViewModel model = model();

        assertThat(model.checkpointTextProperty().get()).startsWith("Latest signed checkpoint: " + ledger.size() + " entries");
        assertThat(model.checkpointNoteProperty().get()).startsWith(ledger.origin() + "\n" + ledger.size() + "\n");
    }
}
