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
        checkout("feature/x", true);
        commit("X.md", "x\n");
    }

    private void checkout(String branch, boolean create) throws Exception {
        try (Git git = Git.open(repos.work.toFile())) {
            git.checkout().setCreateBranch(create).setName(branch).call();
        }
    }

    private void commit(String file, String content) throws Exception {
        repos.write(file, content);
        try (Git git = Git.open(repos.work.toFile())) {
            git.add().addFilepattern(".").call();
            git.commit().setAuthor(AGENT).setCommitter(AGENT).setMessage("Add " + file).setSign(false).call();
        }
    }

    private GitRepo open() {
        return GitRepo.open(repos.work.toString(), null, config);
    }

    @Test
    void aPushTheRemoteRefusesUndoesTheMerge() throws Exception {
        try (GitRepo repo = open()) {
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
        checkout("main", false);
        repos.pushToMainAsSomeoneElse("OTHER.md", "someone else's\n");
        try (GitRepo repo = open()) {
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
        checkout("main", false);
        repos.write("README.md", "my unsaved work\n");
        try (GitRepo repo = open()) {
            assertThatThrownBy(() -> MergePlan.of(repo, "feature/x", "main"))
                    .hasMessageContaining("main is checked out in " + repos.work.toAbsolutePath()
                            + " with uncommitted changes: the merge would overwrite them");
        }
        assertThat(Files.readString(repos.work.resolve("README.md"))).isEqualTo("my unsaved work\n");
    }

    @Test
    void localCommitsOnTheTargetThatTheRemoteLacksAreNotPublishedByAMerge() throws Exception {
        checkout("main", false);
        commit("LOCAL.md", "not pushed\n");
        try (GitRepo repo = open()) {
            assertThatThrownBy(() -> MergePlan.of(repo, "feature/x", "main"))
                    .hasMessageContaining("the local main of project has commits that origin/main does not");
        }
    }
}
