package org.symbi.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.app.serve.Room;
import org.symbi.gateway.GatewayConfig;
import org.symbi.governance.Decision;
import org.symbi.governance.GatedAction;
import org.symbi.governance.Warrant;
import org.symbi.governance.WarrantScope;
import org.symbi.governance.WarrantTerms;
import org.symbi.kernel.supervisor.LocalAgentState;
import org.symbi.kernel.supervisor.LocalAgentView;
import org.symbi.kernel.supervisor.RoomFile;
import org.symbi.ledger.ReceiptVerifier;
import org.symbi.protocol.TaskSpec;
import org.symbi.store.DataDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The commands while a room runs on the data directory: they go through its admin API and never open the
 * database the room holds (in this process, opening and closing it would shut the room's database down).
 */
@Timeout(120)
class CommandsWithRoomTest {
    @TempDir
    Path data;
    private DataDir dir;
    private Room room;
    private Symbi symbi;

    @BeforeEach
    void open() throws IOException {
        dir = new DataDir(data);
        Files.createDirectories(dir.resolve("agents"));
        Files.writeString(dir.resolve("agents").resolve("sleeper.json"), """
                {"id": "sleeper", "type": "worker", "command": ["sh", "-c", "sleep 60"], "capabilities": ["git"]}
                """);
        room = openRoom();
        symbi = new Symbi();
    }

    private Room openRoom() throws IOException {
        return Room.open(dir, GatewayConfig::local);
    }

    @AfterEach
    void close() {
        symbi.close();
        if (room != null) {
            room.close();
        }
    }

    private int symbi(String... args) {
        String[] withData = java.util.Arrays.copyOf(args, args.length + 2);
        withData[args.length] = "--data";
        withData[args.length + 1] = data.toString();
        return symbi.run(withData);
    }

    /** The room still reads and writes its database. */
    private void assertTheRoomWorks(String taskId) {
        room.kernel().tasks().create(new TaskSpec(taskId, null, "still here", null, List.of("echo"), null, null,
                null, null, null, null, JsonNodeFactory.instance.nullNode()));
        assertThat(room.kernel().tasks().find(taskId)).isPresent();
        assertThat(room.kernel().ledger().verify(n -> { }).ok()).isTrue();
    }

    @Test
    void approvalsAreListedFromTheRunningRoom() {
        assertThat(RoomFile.running(dir)).isPresent();
        Warrant w = room.kernel().governance().issueWarrant("coder-1", new WarrantTerms(
                WarrantScope.kinds("git.merge").repositories("symbi-core").branches("main"),
                Instant.now().plus(Duration.ofHours(1)), 5, 0, Set.of()), "local");
        Decision d = room.kernel().governance().authorize("coder-1", new GatedAction("git.merge",
                JsonNodeFactory.instance.objectNode().put("repository", "symbi-core").put("branch", "main")
                        .put("source", "feature/fib"), w.id(), "review passed", null));

        assertThat(symbi("approvals")).as(symbi.errors()).isZero();
        List<String> lines = symbi.output().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).startsWith(d.requestId()).contains("  coder-1  ").contains("  git.merge  ")
                .contains("  0 of 1  ");

        assertThat(symbi("approve", d.requestId())).isZero();
        assertThat(symbi("approvals")).isZero();
        assertThat(symbi.output()).endsWith("no pending approval requests");
        assertTheRoomWorks("t-after-approvals");
    }

    @Test
    void theLedgerIsVerifiedAndProvedWhileTheRoomRuns() throws Exception {
        awaitFiledCheckpoint();
        assertThat(symbi("ledger", "verify")).as(symbi.errors()).isZero();
        JsonNode verified = AdminClient.JSON.readTree(symbi.output());
        assertThat(verified.path("ok").asBoolean()).isTrue();
        assertThat(verified.path("entries_checked").asLong()).isPositive();

        assertThat(symbi("ledger", "prove", "--seq", "0")).as(symbi.errors()).isZero();
        String receipt = symbi.output();
        assertThat(ReceiptVerifier.verify(receipt, room.kernel().ledger().publicKey()).ok()).isTrue();

        assertThat(symbi("ledger", "status")).isZero();
        JsonNode status = AdminClient.JSON.readTree(symbi.output());
        assertThat(status.path("origin").asText()).isEqualTo(room.kernel().ledger().origin());
        assertThat(status.path("checkpoint").path("tree_size").asLong()).isPositive();

        assertThat(symbi("ledger", "prove", "--seq", "100000")).isEqualTo(2);
        assertThat(symbi.errors()).contains("no entry 100000 in a ledger of");
        assertTheRoomWorks("t-after-ledger");
    }

    /**
     * The ledger stores a checkpoint before it files it; a verification between the two finds the checkpoint
     * file missing. Waits until the first checkpoint is filed.
     */
    private void awaitFiledCheckpoint() throws InterruptedException {
        room.kernel().ledger().checkpoint();
        Path filed = dir.resolve("ledger").resolve("checkpoint.note");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.exists(filed)) {
            assertThat(System.nanoTime()).as("no checkpoint filed at " + filed).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    void idsGivenOnTheCommandLineAreOnePathSegmentOfTheAdminApi() {
        assertThat(symbi("agent", "stop", " ")).isEqualTo(2);
        assertThat(symbi.errors()).contains("the id must not be empty");

        // a slash or a dot-dot stays inside the id instead of reaching another route
        assertThat(symbi("agent", "stop", "../approvals")).isEqualTo(2);
        assertThat(symbi.errors()).contains("../approvals").doesNotContain("not found");
        assertThat(symbi("deny", "apr/x y", "--reason", "no")).isEqualTo(2);
        assertThat(symbi.errors()).contains("no pending approval request apr/x y");
        assertTheRoomWorks("t-after-odd-ids");
    }

    @Test
    void anAgentStartedFromATemplateIsSupervisedAgainWhenTheRoomReopens() throws Exception {
        assertThat(symbi("agent", "start", "sleeper")).as(symbi.errors()).isZero();
        String started = symbi.output();
        assertThat(started).startsWith("sleeper-").contains("RUNNING");
        String id = started.substring(0, started.indexOf(' '));
        long firstPid = room.localAgents().find(id).orElseThrow().pid();

        room.close();
        room = null;
        assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        room = openRoom();

        LocalAgentView again = room.localAgents().find(id).orElseThrow();
        assertThat(again.state()).isEqualTo(LocalAgentState.RUNNING);
        assertThat(again.pid()).isPositive().isNotEqualTo(firstPid);
        assertThat(symbi("agent", "list")).isZero();
        assertThat(symbi.output()).startsWith(id + "  template sleeper  RUNNING  pid " + again.pid());

        assertThat(symbi("agent", "stop", id)).isZero();
        assertThat(symbi.output()).contains("STOPPED");
        room.close();
        room = openRoom();
        assertThat(room.localAgents().list()).as("stopped, so forgotten").isEmpty();
    }
}
