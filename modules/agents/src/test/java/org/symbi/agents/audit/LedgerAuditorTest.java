package org.symbi.agents.audit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.agents.AgentEnv;
import org.symbi.agents.AgentMain;
import org.symbi.agents.SupervisedRoom;
import org.symbi.kernel.events.KernelEvent;
import org.symbi.kernel.task.TaskView;
import org.symbi.protocol.TaskStatus;
import org.symbi.protocol.TraceKind;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The audit agent against a real room: its ledger verified through the admin API, then tampered with. */
@Timeout(90)
class LedgerAuditorTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private SupervisedRoom room;
    private AgentMain.Running auditor;

    @BeforeEach
    void open(@TempDir Path tmp) throws Exception {
        room = new SupervisedRoom(tmp);
    }

    @AfterEach
    void close() {
        if (auditor != null) {
            auditor.close();
        }
        room.close();
    }

    private void startAuditor(String period) throws Exception {
        Map<String, String> env = room.env("audit-1", LedgerAuditor.CAPABILITY);
        env.put("SYMBI_AUDIT_PERIOD", period);
        auditor = AgentMain.start(new LedgerAuditor.Kind(), new AgentEnv(env));
    }

    private List<String> observations() {
        return room.kernel().traces().forAgent("audit-1", 100).stream()
                .filter(t -> t.step().kind() == TraceKind.OBSERVATION).map(t -> t.step().content()).toList();
    }

    @Test
    void eachPeriodicVerificationIsATaskOfItsOwnWithTheResultInItsTrace() throws Exception {
        startAuditor("300ms");
        SupervisedRoom.await(WAIT, () -> observations().size() >= 2, () -> "two verifications: " + observations());
        assertThat(observations()).allSatisfy(o -> assertThat(o).matches("ledger verified: \\d+ entries, tree root .+"));
        List<TaskView> rounds = room.kernel().tasks().list(null, null, 100).stream()
                .filter(t -> t.title().equals("Ledger audit")).toList();
        assertThat(rounds).hasSizeGreaterThanOrEqualTo(2);
        TaskView first = rounds.getFirst();
        assertThat(first.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(first.assignedAgent()).isEqualTo("audit-1");
        assertThat(first.result().path("ok").asBoolean()).isTrue();
        assertThat(first.result().path("entries_checked").asLong()).isPositive();
        assertThat(room.kernel().traces().forTask(first.taskId())).singleElement()
                .satisfies(t -> assertThat(t.step().detail().path("tree_root").asText()).isNotBlank());
        assertThat(room.errors()).isEmpty();
    }

    @Test
    void aTamperedLedgerRaisesOneAlertNamingTheFirstBadEntryAndFailsTheAuditTask() throws Exception {
        startAuditor("1h"); // one round now, then only when asked
        SupervisedRoom.await(WAIT, () -> observations().size() == 1, () -> "the first verification");
        room.database().inTransaction(c -> {
            try (var ps = c.prepareStatement("UPDATE ledger_entry SET actor = 'agent:mallory' WHERE seq = 2")) {
                return ps.executeUpdate();
            }
        });

        room.createTask("audit-now", "verify the ledger", List.of(LedgerAuditor.CAPABILITY), null);
        TaskView audit = room.awaitEnd("audit-now", WAIT);
        assertThat(audit.status()).as("a failed audit is retried, and fails for good").isEqualTo(TaskStatus.FAILED);
        assertThat(audit.detail()).contains("ledger verification failed at entry 2: ");
        List<KernelEvent.ErrorReported> alerts = room.errors().stream()
                .filter(e -> e.code().equals(LedgerAuditor.VERIFICATION_FAILED)).toList();
        assertThat(alerts).as("the retries fall within the alert cooldown").singleElement().satisfies(e -> {
            assertThat(e.agentId()).isEqualTo("audit-1");
            assertThat(e.message()).startsWith("Ledger verification failed at entry 2: ");
        });
        assertThat(room.kernel().traces().forTask("audit-now")).extracting(t -> t.step().content())
                .anySatisfy(c -> assertThat(c).startsWith("alert ledger_verification_failed: Ledger verification"
                        + " failed at entry 2"));
    }

    @Test
    void theAuditAgentNeedsTheAdminToken() {
        Map<String, String> env = room.env("audit-2", LedgerAuditor.CAPABILITY);
        env.remove("SYMBI_ADMIN_TOKEN");
        assertThatThrownBy(() -> new LedgerAuditor.Kind().create(new AgentEnv(env)))
                .hasMessageContaining("the audit agent needs the room's admin token");
    }
}
