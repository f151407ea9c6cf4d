package org.symbi.agents.git;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.governance.ApprovalRequest;
import org.symbi.governance.Verdict;
import org.symbi.governance.Warrant;
import org.symbi.kernel.Kernel;
import org.symbi.kernel.task.TaskView;
import org.symbi.protocol.TaskStatus;
import org.symbi.protocol.TraceKind;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Release tags: annotated by the agent, kept local without a remote, pushed under a warrant with one, never
 * moved, and found done by a task that comes again. "project" has the remote; "project-local" is the same
 * working tree under rules that name no remote.
 */
class TagTest {
    private static final String LOCAL = "project-local";

    @TempDir
    Path tmp;
    private GitRepos repos;
    private GitAgentRoom room;

    @BeforeEach
    void start() throws Exception {
        repos = new GitRepos(tmp);
        RepositoryRules local = RepositoryRules.fromJson(JsonNodeFactory.instance.objectNode().put("name", LOCAL)
                .putNull("remote"));
        room = new GitAgentRoom(tmp.resolve("room"), live -> GitAgentConfig.in(tmp.resolve("workspace"))
                .withRules(local).withAuthorEmail("git-agent@example.org"));
    }

    @AfterEach
    void stop() {
        room.close();
    }

    private ObjectNode tag(String tag) {
        return GitAgentRoom.input("tag", repos.work).put("tag", tag);
    }

    private static ObjectId tagIn(Path repository, String tag) throws Exception {
        try (Git git = Git.open(repository.toFile())) {
            Ref ref = git.getRepository().exactRef("refs/tags/" + tag);
            return ref == null ? null : ref.getObjectId();
        }
    }

    private static RevTag annotatedTagIn(Path repository, String tag) throws Exception {
        try (Git git = Git.open(repository.toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            return walk.parseTag(tagIn(repository, tag));
        }
    }

    private TaskView approveAndAwait(String taskId, String tag, ObjectId commit) throws InterruptedException {
        ApprovalRequest pending = room.awaitPendingApproval();
        assertThat(pending.kind()).isEqualTo("git.push");
        assertThat(pending.taskId()).isEqualTo(taskId);
        assertThat(pending.canonicalAction()).contains("\"branch\":\"refs/tags/" + tag + "\"",
                "\"commit\":\"" + commit.name() + "\"", "\"repository\":\"project\"", "\"source\":\"" + tag + "\"");
        room.kernel().governance().approvals().decideLocally(pending.id(), Kernel.LOCAL_APPROVER, Verdict.APPROVE,
                "release approved");
        return room.awaitEnd(taskId);
    }

    @Test
    void withoutARemoteTheAnnotatedTagByTheAgentStaysLocal() throws Exception {
        ObjectId main = repos.workHead("main");

        TaskView t = room.run("t-tag", tag("v1.0.0").put("name", LOCAL));

        assertThat(t.status()).as(t.detail()).isEqualTo(TaskStatus.COMPLETED);
        JsonNode result = t.result();
        assertThat(result.get("tag").asText()).isEqualTo("v1.0.0");
        assertThat(result.get("ref").asText()).isEqualTo("main");
        assertThat(result.get("commit").asText()).isEqualTo(main.name());
        assertThat(result.get("created").asBoolean()).isTrue();
        assertThat(result.get("pushed").asBoolean()).isFalse();
        assertThat(result.get("warrant").isNull()).isTrue();
        RevTag made = annotatedTagIn(repos.work, "v1.0.0");
        assertThat(made.getObject()).isEqualTo(main);
        assertThat(made.getTaggerIdent().getName()).isEqualTo("git-1");
        assertThat(made.getTaggerIdent().getEmailAddress()).isEqualTo("git-agent@example.org");
        assertThat(made.getFullMessage()).isEqualTo("Release v1.0.0");
        assertThat(made.getRawGpgSignature()).isNull();
        assertThat(tagIn(repos.remote, "v1.0.0")).isNull();
        assertThat(room.kernel().governance().approvals().pending()).isEmpty();
        assertThat(room.traced("t-tag", TraceKind.TOOL_CALL)).containsExactly("git.tag");
        assertThat(room.traced("t-tag", TraceKind.OBSERVATION)).containsExactly(
                "created tag v1.0.0 at " + main.name() + " (main) as git-1", LOCAL + " has no remote: the tag stays local");
    }

    @Test
    void withARemoteTheTagIsPushedOnceApprovedAndATaskThatComesAgainFindsItDone() throws Exception {
        ObjectId main = repos.workHead("main");
        Warrant warrant = room.tagWarrant();

        room.start("t-tag", tag("v1.4.0").put("message", "Release 1.4.0 to staging"));
        TaskView t = approveAndAwait("t-tag", "v1.4.0", main);

        assertThat(t.status()).as(t.detail()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(t.result().get("created").asBoolean()).isTrue();
        assertThat(t.result().get("pushed").asBoolean()).isTrue();
        assertThat(t.result().get("warrant").asText()).isEqualTo(warrant.id());
        RevTag pushed = annotatedTagIn(repos.remote, "v1.4.0");
        assertThat(pushed.getObject()).isEqualTo(main);
        assertThat(pushed.getFullMessage()).isEqualTo("Release 1.4.0 to staging");
        assertThat(tagIn(repos.remote, "v1.4.0")).isEqualTo(tagIn(repos.work, "v1.4.0"));
        room.awaitLedger("warrant.execute", warrant.id());
        assertThat(room.traced("t-tag", TraceKind.TOOL_CALL)).containsExactly("git.tag", "warrant.request");
        assertThat(room.traced("t-tag", TraceKind.DECISION)).singleElement().asString()
                .startsWith("warrant " + warrant.id() + " allows git.push of v1.4.0");

        TaskView again = room.run("t-tag-again", tag("v1.4.0"));

        assertThat(again.status()).as(again.detail()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(again.result().get("created").asBoolean()).isFalse();
        assertThat(again.result().get("pushed").asBoolean()).isTrue();
        assertThat(again.result().get("warrant").isNull()).isTrue();
        assertThat(room.kernel().governance().approvals().pending()).isEmpty();
        assertThat(room.ledger()).filteredOn(e -> e.action().equals("approval.request")).hasSize(1);
        assertThat(room.traced("t-tag-again", TraceKind.OBSERVATION)).containsExactly(
                "tag v1.4.0 already points at " + main.name() + " (main): nothing to create",
                "origin already has tag v1.4.0 at " + main.name());
    }

    @Test
    void aTagMadeLocallyIsPushedLaterWithoutBeingMadeAgain() throws Exception {
        ObjectId main = repos.workHead("main");
        room.run("t-local", tag("v2.0.0").put("name", LOCAL));
        ObjectId local = tagIn(repos.work, "v2.0.0");
        room.tagWarrant();

        room.start("t-publish", tag("v2.0.0"));
        TaskView t = approveAndAwait("t-publish", "v2.0.0", main);

        assertThat(t.status()).as(t.detail()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(t.result().get("created").asBoolean()).isFalse();
        assertThat(t.result().get("pushed").asBoolean()).isTrue();
        assertThat(tagIn(repos.work, "v2.0.0")).isEqualTo(local);
        assertThat(tagIn(repos.remote, "v2.0.0")).isEqualTo(local);
    }

    @Test
    void aTagPointingElsewhereIsNeverMovedHereOrOnTheRemote() throws Exception {
        ObjectId first = repos.workHead("main");
        try (Git remote = Git.open(repos.remote.toFile())) {
            RefUpdate u = remote.getRepository().updateRef("refs/tags/v3.0.0");
            u.setNewObjectId(first);
            assertThat(u.update()).isEqualTo(RefUpdate.Result.NEW);
        }
        ObjectId newer = repos.pushToMainAsSomeoneElse("OTHER.md", "someone else's change\n");
        room.tagWarrant();

        String onRemote = room.firstFailure("t-remote", tag("v3.0.0"));
        // the fetch before it brought main's new commit: tag that one here, then ask for main's local head
        TaskView local = room.run("t-local", tag("v4.0.0").put("name", LOCAL).put("ref", "origin/main"));
        String here = room.firstFailure("t-here", tag("v4.0.0").put("name", LOCAL));

        assertThat(onRemote).contains("tag v3.0.0 already exists in origin (the remote of project) at " + first.name()
                + ", not at " + newer.name() + ": a tag is never moved; name another version");
        assertThat(local.result().get("commit").asText()).isEqualTo(newer.name());
        assertThat(here).contains("tag v4.0.0 already exists in " + LOCAL + " at " + newer.name() + ", not at "
                + first.name());
        assertThat(room.kernel().governance().approvals().pending()).isEmpty();
    }

    @Test
    void aMissingOrBadTagOrRefIsSaidPlainly() throws Exception {
        String missing = room.firstFailure("t-none", GitAgentRoom.input("tag", repos.work));
        String bad = room.firstFailure("t-bad", tag("v1..0"));
        String nowhere = room.firstFailure("t-nowhere", tag("v1.0.0").put("ref", "nowhere"));

        assertThat(missing).contains("no version to tag: name the version to tag (input field \"tag\"");
        assertThat(bad).contains("\"v1..0\" is not a valid tag name");
        assertThat(nowhere).contains("nowhere names no branch or commit of project");
        assertThat(tagIn(repos.work, "v1.0.0")).isNull();
    }
}
