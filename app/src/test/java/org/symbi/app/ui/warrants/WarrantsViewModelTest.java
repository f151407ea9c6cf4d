package org.symbi.app.ui.warrants;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.app.ui.RoomFixture;
import org.symbi.governance.Decision;
import org.symbi.governance.GatedAction;
import org.symbi.governance.Warrant;
import org.symbi.governance.WarrantScope;
import org.symbi.governance.WarrantTerms;
import org.symbi.kernel.Kernel;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The warrants table's model on a real room: what governance holds, filtered, and revoked with a reason. */
class WarrantsViewModelTest {
    @TempDir
    Path data;
    private RoomFixture room;
    private Kernel kernel;
    private WarrantsViewModel model;

    @BeforeEach
    void open() throws Exception {
        room = RoomFixture.open(data);
        kernel = room.room().kernel();
        model = new WarrantsViewModel(room.context());
    }

    @AfterEach
    void close() {
        room.close();
    }

    private Warrant issue(String agentId, WarrantScope scope, Duration lifetime, int maxUses) {
        return kernel.governance().issueWarrant(agentId, new WarrantTerms(scope,
                kernel.clock().instant().plus(lifetime), maxUses, 0, Set.of()), Kernel.LOCAL_APPROVER);
    }

    private WarrantRow row(String warrantId) {
        return model.shown().stream().filter(r -> r.id().equals(warrantId)).findFirst().orElseThrow();
    }

    @Test
    void liveWarrantsShowTheirScopeUsesLeftAndExpiry() {
        Warrant reader = issue("coder-1", WarrantScope.kinds("file.read").repositories("symbi-core"),
                Duration.ofMinutes(90), 5);
        Warrant unlimited = issue("reviewer", WarrantScope.kinds("git.push").branches("feature/**"),
                Duration.ofDays(2), 0);
        Decision read = kernel.governance().authorize("coder-1", new GatedAction("file.read",
                JsonNodeFactory.instance.objectNode().put("repository", "symbi-core").put("path", "README.md"),
                reader.id(), "reading the readme", null));
        assertThat(read.allowed()).isTrue();

        room.drain();

        WarrantRow r = row(reader.id());
        assertThat(r.agentId()).isEqualTo("coder-1");
        assertThat(r.statusText()).isEqualTo("active");
        assertThat(r.scope()).isEqualTo("file.read · repositories symbi-core");
        assertThat(r.usesLeft()).isEqualTo("4 of 5");
        assertThat(r.expiry()).matches("in 1 h (29|30) min");
        assertThat(row(unlimited.id()).usesLeft()).isEqualTo("unlimited");
        assertThat(row(unlimited.id()).expiry()).as("cut, not rounded").isEqualTo("in 1 d 23 h");
        assertThat(model.shown()).extracting(WarrantRow::id).as("soonest to expire first")
                .containsExactly(reader.id(), unlimited.id());
    }

    @Test
    void theFilterMatchesAgentScopeStatusOrId() {
        Warrant coder = issue("coder-1", WarrantScope.kinds("git.merge"), Duration.ofHours(1), 0);
        Warrant reviewer = issue("reviewer", WarrantScope.kinds("file.read"), Duration.ofHours(1), 0);
        room.drain();

        model.filterProperty().set("REVIEW");
        assertThat(model.shown()).extracting(WarrantRow::id).containsExactly(reviewer.id());
        model.filterProperty().set("git.merge");
        assertThat(model.shown()).extracting(WarrantRow::id).containsExactly(coder.id());
        model.filterProperty().set("");
        assertThat(model.shown()).hasSize(2);
    }

    @Test
    void revokingNeedsAReasonThenEndsTheWarrantAndRecordsIt() {
        Warrant w = issue("coder-1", WarrantScope.kinds("git.merge"), Duration.ofHours(1), 3);
        room.drain();
        model.select(row(w.id()));
        assertThat(model.revokeSelected().isExecutable()).isTrue();
        long ledgerBefore = kernel.ledger().size();

        assertThat(model.revokeSelected().execute()).isTrue();
        assertThat(model.messageProperty().get()).isEqualTo(WarrantsViewModel.REASON_NEEDED);
        assertThat(kernel.governance().warrant(w.id())).isPresent();
        assertThat(kernel.ledger().size()).isEqualTo(ledgerBefore);

        model.reasonProperty().set("the task was cancelled");
        model.revokeSelected().execute();
        room.drain();

        assertThat(kernel.governance().warrant(w.id())).as("no longer live").isEmpty();
        WarrantRow revoked = row(w.id());
        assertThat(revoked.status()).isEqualTo(Warrant.Status.REVOKED);
        assertThat(revoked.endReason()).isEqualTo("the task was cancelled");
        assertThat(revoked.expiry()).isEmpty();
        assertThat(model.selectedProperty().get()).as("the choice follows the re-read row").isEqualTo(revoked);
        assertThat(model.revokeSelected().isExecutable()).isFalse();
        assertThat(model.reasonProperty().get()).isEmpty();
        assertThat(model.messageProperty().get()).isEqualTo("Revoked " + w.id() + " of coder-1.");
        assertThat(kernel.ledger().entries(ledgerBefore, 100, null, "warrant.revoke", w.id())).singleElement()
                .satisfies(e -> {
                    assertThat(e.actor()).isEqualTo("person:" + Kernel.LOCAL_APPROVER);
                    assertThat(e.payload().path("reason").asText()).isEqualTo("the task was cancelled");
                });

        assertThat(model.revoke(revoked, "again")).isFalse();
        assertThat(model.messageProperty().get()).isEqualTo("Warrant " + w.id() + " is already revoked.");

        model.showEndedProperty().set(false);
        assertThat(model.shown()).isEmpty();
    }

    @Test
    void relativeTimesReadNaturally() {
        Instant now = Instant.parse("2026-03-01T12:00:00Z");
        assertThat(WarrantRow.relative(now.plusSeconds(42), now)).isEqualTo("in 42 s");
        assertThat(WarrantRow.relative(now.plus(Duration.ofMinutes(5)), now)).isEqualTo("in 5 min");
        assertThat(WarrantRow.relative(now.plus(Duration.ofMinutes(130)), now)).isEqualTo("in 2 h 10 min");
        assertThat(WarrantRow.relative(now.plus(Duration.ofHours(3)), now)).isEqualTo("in 3 h");
        assertThat(WarrantRow.relative(now.plus(Duration.ofHours(50)), now)).isEqualTo("in 2 d 2 h");
        assertThat(WarrantRow.relative(now.minus(Duration.ofMinutes(3)), now)).isEqualTo("3 min ago");
    }
}
