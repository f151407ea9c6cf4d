package org.symbi.agents.git;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.governance.ApprovalRequest;
import org.symbi.governance.Verdict;
import org.symbi.governance.Warrant;
import org.symbi.kernel.Kernel;
import org.symbi.kernel.task.TaskView;
import org.symbi.ledger.LedgerEntry;
import org.symbi.protocol.TaskStatus;
import org.symbi.protocol.TraceKind;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The git agent in a real room: connected through the SDK, given tasks by the kernel, asking the room's
 * governance for warrants, working on temporary repositories with a local bare repository as the remote.
 */
class GitAgentTest {
    private static final String FEATURE = "feature/fib-add-a-fibonacci-function";

    @TempDir
    Path tmp;
    private GitRepos repos;
    private GitAgentRoom room;

    @BeforeEach
    void start() throws Exception {
        repos = new GitRepos(tmp);
        room = new GitAgentRoom(tmp.resolve("room"), live -> GitAgentConfig.in(tmp.resolve("workspace"))
                .withAuthorEmail("git-agent@example.org"));
    }

    @AfterEach
    void stop() {
        room.close();
    }

    /** Branch for the task, write a file and change one as the coding agent would, commit: returns the commit. */
    private String branchAndCommit() throws Exception {
        TaskView branch = room.run("t-branch", GitAgentRoom.input("branch", repos.work).put("task", "fib")
                .put("title", "Add a Fibonacci function"));
        assertThat(branch.status()).as(branch.detail()).isEqualTo(TaskStatus.COMPLETED);
        repos.write("Fib.java", "class Fib {\n    static long fib(int n) {\n        return n < 2 ? n : fib(n - 1) + fib(n - 2);\n    }\n}\n");
        repos.write("README.md", "# Project\n\nA small project, now with Fibonacci numbers.\n");
        TaskView commit = room.run("t-commit", GitAgentRoom.input("commit", repos.work)
                .put("message", "Add a Fibonacci function"));
        assertThat(commit.status()).as(commit.detail()).isEqualTo(TaskStatus.COMPLETED);
        return commit.result().get("commit").asText();
    }

    private ObjectNode mergeInput() {
        ObjectNode input = GitAgentRoom.input("merge", repos.work).put("source", FEATURE);
        input.putObject("review").put("verdict", "pass");
        return input;
    }

    @Test
    void branchesPerTaskAndCommitsWithTheAgentAsAuthor() throws Exception {
        String commit = branchAndCommit();

        JsonNode branch = room.task("t-branch").result();
        assertThat(branch.get("branch").asText()).isEqualTo(FEATURE);
        assertThat(branch.get("base").asText()).isEqualTo("main");
        assertThat(branch.get("created").asBoolean()).isTrue();
        assertThat(branch.get("worktree").asText()).isEqualTo(repos.work.toAbsolutePath().toString());
        assertThat(repos.workBranch()).isEqualTo(FEATURE);

        JsonNode result = room.task("t-commit").result();
        assertThat(result.get("author").asText()).isEqualTo("git-1 <git-agent@example.org>");
        assertThat(result.get("files").findValuesAsText("path")).containsExactlyInAnyOrder("Fib.java", "README.md");
        RevCommit c = repos.commitInWork(ObjectId.fromString(commit));
        assertThat(c.getAuthorIdent().getName()).isEqualTo("git-1");
        assertThat(c.getAuthorIdent().getEmailAddress()).isEqualTo("git-agent@example.org");
        assertThat(c.getCommitterIdent().getName()).isEqualTo("git-1");
        assertThat(c.getFullMessage()).isEqualTo("Add a Fibonacci function");
        assertThat(repos.workHead(FEATURE).name()).isEqualTo(commit);
        assertThat(repos.workIsClean()).isTrue();

        assertThat(room.traced("t-commit", TraceKind.TOOL_CALL)).containsExactly("git.commit");
        assertThat(room.traced("t-commit", TraceKind.OBSERVATION)).singleElement().asString()
                .startsWith("committed " + commit + " on " + FEATURE + " as git-1 <git-agent@example.org>");
        assertThat(room.traced("t-branch", TraceKind.OBSERVATION)).singleElement().asString()
                .startsWith("created " + FEATURE);
    }

    @Test
    void theDiffIsTheBranchAgainstItsBaseAsAUnifiedDiff() throws Exception {
        String commit = branchAndCommit();
        repos.pushToMainAsSomeoneElse("OTHER.md", "someone else's change\n");

        TaskView diff = room.run("t-diff", GitAgentRoom.input("diff", repos.work).put("branch", FEATURE));

        assertThat(diff.status()).as(diff.detail()).isEqualTo(TaskStatus.COMPLETED);
        JsonNode result = diff.result();
        assertThat(result.get("commit").asText()).isEqualTo(commit);
        assertThat(result.get("base").asText()).isEqualTo("main");
        String text = result.get("diff").asText();
        // from where the branch left main: the change someone else pushed to main since is not the branch's
        assertThat(text).contains("diff --git a/Fib.java b/Fib.java", "new file mode 100644", "+++ b/Fib.java",
                "+    static long fib(int n) {", "--- a/README.md", "-A small project.",
                "+A small project, now with Fibonacci numbers.").doesNotContain("OTHER.md");
        assertThat(result.get("files")).hasSize(2);
        assertThat(result.get("truncated").asBoolean()).isFalse();
        assertThat(room.traced("t-diff", TraceKind.OBSERVATION)).singleElement().isEqualTo(text);
    }

    @Test
    void aPushToAFeatureBranchIsAllowedUnderThePhaseWarrant() throws Exception {
        String commit = branchAndCommit();
        Warrant phase = room.pushPhaseWarrant("t-push");

        TaskView push = room.run("t-push", GitAgentRoom.input("push", repos.work));

        assertThat(push.status()).as(push.detail()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(push.result().get("warrant").asText()).isEqualTo(phase.id());
        assertThat(push.result().get("branch").asText()).isEqualTo(FEATURE);
        assertThat(repos.remoteHead(FEATURE).name()).isEqualTo(commit);
        assertThat(room.kernel().governance().approvals().pending()).isEmpty();
        room.awaitLedger("warrant.execute", phase.id());
        assertThat(room.ledger()).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("warrant.use");
            assertThat(e.subject()).isEqualTo(phase.id());
        });
        assertThat(room.traced("t-push", TraceKind.TOOL_CALL)).containsExactly("git.push", "warrant.request");
    }

    @Test
    void aPushToAProtectedBranchIsRefusedByTheRepositoryRules() throws Exception {
        branchAndCommit();
        room.mergeWarrant();
        String why = room.firstFailure("t-push-main", GitAgentRoom.input("push", repos.work).put("to", "main"));

        assertThat(why).contains("the rules of project do not let git-1 push to main: it is protected");
        assertThat(room.kernel().governance().approvals().pending()).isEmpty();
        assertThat(repos.remoteHead("main")).isEqualTo(repos.workHead("main"));
    }

    @Test
    void aMergeToMainWaitsForApprovalThenMergesAndPushes() throws Exception {
        String commit = branchAndCommit();
        ObjectId othersMain = repos.pushToMainAsSomeoneElse("OTHER.md", "someone else's change\n");
        Warrant warrant = room.mergeWarrant();

        room.start("t-merge", mergeInput());
        ApprovalRequest pending = room.awaitPendingApproval();
        assertThat(pending.agentId()).isEqualTo("git-1");
        assertThat(pending.kind()).isEqualTo("git.merge");
        assertThat(pending.canonicalAction()).contains("\"branch\":\"main\"", "\"commit\":\"" + commit + "\"",
                "\"repository\":\"project\"", "\"source\":\"" + FEATURE + "\"");
        Thread.sleep(200);
        assertThat(room.task("t-merge").status()).isIn(TaskStatus.ASSIGNED, TaskStatus.RUNNING);
        assertThat(repos.remoteHead("main")).isEqualTo(othersMain);

        room.kernel().governance().approvals().decideLocally(pending.id(), Kernel.LOCAL_APPROVER, Verdict.APPROVE,
                "reviewed");
        TaskView merged = room.awaitEnd("t-merge");

        assertThat(merged.status()).as(merged.detail()).isEqualTo(TaskStatus.COMPLETED);
        JsonNode result = merged.result();
        assertThat(result.get("merged").asBoolean()).isTrue();
        assertThat(result.get("fast_forward").asBoolean()).isFalse();
        assertThat(result.get("pushed").asBoolean()).isTrue();
        ObjectId head = repos.remoteHead("main");
        assertThat(head.name()).isEqualTo(result.get("commit").asText());
        RevCommit mergeCommit = repos.commitInRemote(head);
        assertThat(mergeCommit.getParents()).extracting(RevCommit::name).containsExactly(othersMain.name(), commit);
        assertThat(mergeCommit.getAuthorIdent().getName()).isEqualTo("git-1");
        assertThat(mergeCommit.getFullMessage()).startsWith("Merge " + FEATURE + " into main");
        assertThat(repos.workHead("main")).isEqualTo(head);

        room.awaitLedger("warrant.execute", warrant.id());
        assertThat(room.ledger()).extracting(LedgerEntry::action)
                .contains("approval.request", "approval.approve", "warrant.use", "warrant.execute");
        assertThat(room.traced("t-merge", TraceKind.DECISION)).singleElement().asString()
                .startsWith("warrant " + warrant.id() + " allows git.merge");
    }

    @Test
    void aDeniedMergeLeavesMainAloneAndFailsTheTask() throws Exception {
        branchAndCommit();
        room.mergeWarrant();
        ObjectId main = repos.remoteHead("main");

        room.start("t-merge", mergeInput());
        ApprovalRequest pending = room.awaitPendingApproval();
        room.kernel().governance().approvals().decideLocally(pending.id(), Kernel.LOCAL_APPROVER, Verdict.DENY,
                "not before the release");
        TaskView denied = room.awaitFailedAttempts("t-merge", 1);

        assertThat(denied.status()).isNotEqualTo(TaskStatus.COMPLETED);
        assertThat(denied.detail()).contains("the warrant for git.merge of " + FEATURE, "was denied",
                "the approvers denied it");
        assertThat(repos.remoteHead("main")).isEqualTo(main);
        assertThat(repos.workHead("main")).isEqualTo(main);
        // the room retries the task: the retry is told the same without the approvers being asked again
        TaskView retried = room.awaitFailedAttempts("t-merge", 2);
        assertThat(retried.detail()).contains("approval request " + pending.id() + " was denied");
        assertThat(repos.remoteHead("main")).isEqualTo(main);
        assertThat(room.kernel().governance().approvals().pending()).isEmpty();
        assertThat(room.ledger()).filteredOn(e -> e.action().equals("approval.request")).hasSize(1);
    }

    @Test
    void aMergeWithoutAPassingReviewIsRefusedByTheRepositoryRules() throws Exception {
        branchAndCommit();
        room.mergeWarrant();

        String none = room.firstFailure("t-no-review", GitAgentRoom.input("merge", repos.work).put("source", FEATURE));
        ObjectNode failing = GitAgentRoom.input("merge", repos.work).put("source", FEATURE);
        failing.putObject("review").put("verdict", "changes_requested");
        String rejected = room.firstFailure("t-bad-review", failing);

        assertThat(none).contains("the rules of project need a passing review before a merge into main; "
                + "the task gave none");
        assertThat(rejected).contains("the task's input says \"changes_requested\"");
        assertThat(room.kernel().governance().approvals().pending()).isEmpty();
        assertThat(repos.remoteHead("main")).isEqualTo(repos.workHead("main"));
    }

    @Test
    void aConflictIsReportedAndNothingIsMerged() throws Exception {
        branchAndCommit();
        ObjectId othersMain = repos.pushToMainAsSomeoneElse("README.md", "# Project\n\nA different project.\n");
        room.mergeWarrant();
        ObjectId localMain = repos.workHead("main");

        String why = room.firstFailure("t-merge", mergeInput());

        assertThat(why).contains("merging " + FEATURE + " into main conflicts in README.md: nothing was merged");
        assertThat(repos.remoteHead("main")).isEqualTo(othersMain);
        assertThat(repos.workHead("main")).isEqualTo(localMain);
        assertThat(repos.workBranch()).isEqualTo(FEATURE);
        assertThat(repos.workIsClean()).isTrue();
        assertThat(Files.readString(repos.work.resolve("README.md"))).doesNotContain("<<<<<<<");
        assertThat(room.kernel().governance().approvals().pending()).isEmpty();
    }

    @Test
    void aRepositoryGivenByUrlIsClonedIntoTheWorkspace() throws Exception {
        TaskView open = room.run("t-open", GitAgentRoom.input("open", repos.remote).put("name", "project-copy"));

        assertThat(open.status()).as(open.detail()).isEqualTo(TaskStatus.COMPLETED);
        Path clone = tmp.resolve("workspace").resolve("project-copy");
        assertThat(open.result().get("worktree").asText()).isEqualTo(clone.toAbsolutePath().toString());
        assertThat(open.result().get("branch").asText()).isEqualTo("main");
        assertThat(open.result().get("head").asText()).isEqualTo(repos.remoteHead("main").name());
        assertThat(clone.resolve("README.md")).exists();
    }

    @Test
    void badInputFailsWithAMessageThatSaysWhatIsWrong() throws Exception {
        String unknown = room.firstFailure("t-bad-op", GitAgentRoom.input("rebase", repos.work));
        String missing = room.firstFailure("t-no-message", GitAgentRoom.input("commit", repos.work));

        assertThat(unknown).contains("unknown op \"rebase\": expected open, branch, commit, diff, push, merge or tag");
        assertThat(missing).contains("input field \"message\" is required for op \"commit\"");
    }
}
