package org.symbi.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.governance.AgentToken;
import org.symbi.governance.ApprovalDecision;
import org.symbi.governance.ApprovalRequest;
import org.symbi.governance.Decision;
import org.symbi.governance.GatedAction;
import org.symbi.governance.Verdict;
import org.symbi.governance.Warrant;
import org.symbi.governance.WarrantScope;
import org.symbi.governance.WarrantTerms;
import org.symbi.kernel.Kernel;
import org.symbi.kernel.KernelConfig;
import org.symbi.kernel.supervisor.RoomTokens;
import org.symbi.ledger.ReceiptVerifier;
import org.symbi.store.DataDir;
import org.symbi.store.Database;
import org.symbi.store.KeyFiles;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The commands on a data directory that no room holds: they open it themselves. */
class CommandsWithoutRoomTest {
    @TempDir
    Path data;
    private Symbi symbi;

    @BeforeEach
    void captureOutput() {
        symbi = new Symbi();
    }

    @AfterEach
    void restoreOutput() {
        symbi.close();
    }

    private int symbi(String... args) {
        return symbi.run(args);
    }

    private String output() {
        return symbi.output();
    }

    /** A merge to main under a warrant: pending until the local approver decides. */
    private String pendingRequest() {
        DataDir dir = new DataDir(data);
        try (Database db = Database.open(dir); Kernel kernel = new Kernel(db, dir, KernelConfig.defaults(), InstantSource.system())) {
            Warrant w = kernel.governance().issueWarrant("coder-1", new WarrantTerms(
                    WarrantScope.kinds("git.merge").repositories("symbi-core").branches("main"),
                    Instant.now().plus(Duration.ofHours(1)), 5, 0, Set.of()), "local");
            Decision d = kernel.governance().authorize("coder-1", new GatedAction("git.merge",
                    JsonNodeFactory.instance.objectNode().put("repository", "symbi-core").put("branch", "main")
                            .put("source", "feature/fib"), w.id(), "review passed", null));
            assertThat(d.requestId()).isNotNull();
            return d.requestId();
        }
    }

    /** What a later opening of the data directory finds: the request no longer pending, one signed decision. */
    private Verdict recordedVerdict(String requestId) {
        DataDir dir = new DataDir(data);
        try (Database db = Database.open(dir); Kernel kernel = new Kernel(db, dir, KernelConfig.defaults(), InstantSource.system())) {
            assertThat(kernel.governance().approvals().pending()).extracting(ApprovalRequest::id).doesNotContain(requestId);
            List<ApprovalDecision> decisions = kernel.governance().approvals().decisions(requestId);
            assertThat(decisions).singleElement().satisfies(d -> assertThat(d.approverId()).isEqualTo(Kernel.LOCAL_APPROVER));
            return decisions.getFirst().verdict();
        }
    }

    @Test
    void approveSignsWithTheLocalApproverAndPrintsTheQuorum() {
        String id = pendingRequest();
        assertThat(symbi("approve", id, "--reason", "looks right", "--data", data.toString())).isZero();
        assertThat(output()).isEqualTo("approved " + id + ": quorum 1 of 1");
        assertThat(recordedVerdict(id)).isEqualTo(Verdict.APPROVE);
    }

    @Test
    void denyNeedsAReasonAndSettlesTheRequest() {
        String id = pendingRequest();
        assertThat(symbi("deny", id, "--data", data.toString())).isEqualTo(2);
        assertThat(symbi.errors()).contains("Missing required option: '--reason=TEXT'");
        assertThat(symbi("deny", id, "--reason", "wrong branch", "--data", data.toString())).isZero();
        assertThat(output()).isEqualTo("denied " + id + ": quorum 0 of 1");
        assertThat(recordedVerdict(id)).isEqualTo(Verdict.DENY);
    }

    @Test
    void anUnknownRequestIsNamed() {
        pendingRequest();
        assertThat(symbi("approve", "ar-nope", "--data", data.toString())).isEqualTo(2);
        assertThat(symbi.errors()).contains("no pending approval request ar-nope");
    }

    @Test
    void tokenIssuePrintsAJwtTheRoomAccepts() {
        pendingRequest(); // any use of the data directory, so that it exists
        assertThat(symbi("token", "issue", "--agent", "coder-7", "--capabilities", "git,review", "--repos", "symbi-core",
                "--data", data.toString())).isZero();
        String jwt = output();
        assertThat(jwt.split("\\.")).hasSize(3);
        DataDir dir = new DataDir(data);
        try (Database db = Database.open(dir); Kernel kernel = new Kernel(db, dir, KernelConfig.defaults(), InstantSource.system())) {
            AgentToken t = RoomTokens.open(db, dir, kernel).verify(jwt);
            assertThat(t.agentId()).isEqualTo("coder-7");
            assertThat(t.capabilities()).containsExactlyInAnyOrder("git", "review");
            assertThat(t.repositoryAccess()).containsExactly("symbi-core");
        }
    }

    @Test
    void approvalsListsThePendingRequestsFromTheDataDirectory() {
        assertThat(symbi("approvals", "--data", data.toString())).isZero();
        assertThat(output()).isEqualTo("no pending approval requests");
        String id = pendingRequest();
        assertThat(symbi("approvals", "--data", data.toString())).isZero();
        List<String> lines = output().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.getFirst().split("\\s+")).containsExactly("ID", "AGENT", "KIND", "QUORUM", "AGE");
        assertThat(lines.get(1)).startsWith(id).contains("  coder-1  ").contains("  git.merge  ")
                .contains("  0 of 1  ").matches(".*  \\d+s$");
    }

    @Test
    void theLedgerIsVerifiedAndProvedFromTheDataDirectory() throws Exception {
        pendingRequest(); // entries in the ledger
        assertThat(symbi("ledger", "verify", "--data", data.toString())).isZero();
        assertThat(AdminClient.JSON.readTree(output()).path("ok").asBoolean()).isTrue();
        assertThat(symbi("ledger", "prove", "--seq", "1", "--data", data.toString())).isZero();
        String receipt = output();
        assertThat(symbi("ledger", "status", "--data", data.toString())).isZero();
        JsonNode status = AdminClient.JSON.readTree(output());
        assertThat(status.path("size").asLong()).isGreaterThan(1);
        assertThat(status.path("checkpoint").path("tree_size").asLong()).as("signed for the receipt").isPositive();
        assertThat(ReceiptVerifier.verify(receipt, KeyFiles.decodePublic(status.path("public_key").asText())).ok())
                .isTrue();
        assertThat(symbi("ledger", "prove", "--seq", "100000", "--data", data.toString())).isEqualTo(2);
        assertThat(symbi.errors()).contains("no entry 100000 in a ledger of");
    }

    @Test
    void startingAnAgentNeedsARunningRoom() {
        assertThat(symbi("agent", "start", "coder", "--data", data.toString())).isEqualTo(2);
        assertThat(symbi.errors()).contains("no room runs on").contains("need a running room to supervise them");
    }
}
