package org.symbi.agents.git;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Merges made directly on the repositories, for what the room cannot easily stage: a remote that moves mid-merge. */
class MergePlanTest {
    private static final PersonIdent AGENT = new PersonIdent("git-1", "git-1@agents.symbi.local");

    @TempDir
    Path tmp;
    private GitRepos repos;
    private GitAgentConfig config;

    @BeforeEach
    void start() throws Exception {
        repos = new GitRepos(tmp);
        config = GitAgentConfig.in(tmp.resolve("workspace"));
        try (Git git = Git.open(repos.work.toFile())) {
            git.checkout().setCreateBranch(true).setName("feature/x").call();
            repos.write("X.md", "x\n");
            git.add().addFilepattern(".").call();
            git.commit().setAuthor(AGENT).setCommitter(AGENT).setMessage("Add X").setSign(false).call();
        }
    }

    @Test
    void aPushTheRemoteRefusesUndoesTheMerge() throws Exception {
        try (GitRepo repo = GitRepo.open(repos.work.toString(), null, config)) {
            MergePlan plan = MergePlan.of(repo, "feature/x", "main");
            assertThat(plan.fastForward()).isTrue();
            ObjectId before = repos.workHead("main");
            ObjectId theirs = repos.pushToMainAsSomeoneElse("OTHER.md", "moved on meanwhile\n");

            assertThatThrownBy(() -> plan.apply(repo, AGENT, "Merge feature/x into main"))
                    .isInstanceOf(GitFailure.class)
                    .hasMessageContaining("origin refused " + repos.workHead("feature/x").name() + " for main")
                    .hasMessageContaining("REJECTED_NONFASTFORWARD")
                    .hasMessageEndingWith("; the merge was undone");
            assertThat(repos.workHead("main")).isEqualTo(before);
            assertThat(repos.remoteHead("main")).isEqualTo(theirs);
        }
    }

    @Test
    void aMergeIntoTheCheckedOutBranchBringsTheWorkingTreeAlong() throws Exception {
        try (Git git = Git.open(repos.work.toFile())) {
            git.checkout().setName("main").call();
        }
        repos.pushToMainAsSomeoneElse("OTHER.md", "someone else's\n");
        try (GitRepo repo = GitRepo.open(repos.work.toString(), null, config)) {
            MergePlan plan = MergePlan.of(repo, "feature/x", "main");
            assertThat(plan.fastForward()).isFalse();

            ObjectId head = plan.apply(repo, AGENT, "Merge feature/x into main");

            assertThat(repos.workHead("main")).isEqualTo(head);
            assertThat(repos.remoteHead("main")).isEqualTo(head);
            assertThat(repos.workBranch()).isEqualTo("main");
            assertThat(repos.workIsClean()).isTrue();
            assertThat(Files.readString(repos.work.resolve("X.md"))).isEqualTo("x\n");
            assertThat(Files.readString(repos.work.resolve("OTHER.md"))).isEqualTo("someone else's\n");
        }
    }

    @Test
    void uncommittedChangesOnTheCheckedOutTargetAreNotOverwritten() throws Exception {
        try (Git git = Git.open(repos.work.toFile())) {
            git.checkout().setName("main").call();
        }
        repos.write("README.md", "my unsaved work\n");
        try (GitRepo repo = GitRepo.open(repos.work.toString(), null, config)) {
            assertThatThrownBy(() -> MergePlan.of(repo, "feature/x", "main"))
                    .hasMessageContaining("main is checked out in " + repos.work.toAbsolutePath()
                            + " with uncommitted changes: the merge would overwrite them");
        }
        assertThat(Files.readString(repos.work.resolve("README.md"))).isEqualTo("my unsaved work\n");
    }

    @Test
    void localCommitsOnTheTargetThatTheRemoteLacksAreNotPublishedByAMerge() throws Exception {
        try (Git git = Git.open(repos.work.toFile())) {
            git.checkout().setName("main").call();
            repos.write("LOCAL.md", "not pushed\n");
            git.add().addFilepattern(".").call();
            git.commit().setAuthor(AGENT).setCommitter(AGENT).setMessage("Local only").setSign(false).call();
        }
        try (GitRepo repo = GitRepo.open(repos.work.toString(), null, config)) {
            assertThatThrownBy(() -> MergePlan.of(repo, "feature/x", "main"))
                    .hasMessageContaining("the local main of project has commits that origin/main does not");
        }
    }
}
