package org.symbi.agents.docs;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommitLogTest {
    private static final String AGENT = "docs-1@agents.symbi.local";

    @TempDir
    Path dir;
    private Git git;
    private int clock;

    @BeforeEach
    void init() throws Exception {
        git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
        TestRepositories.noBackgroundGc(git);
    }

    @AfterEach
    void close() {
        git.close();
    }

    private RevCommit commit(String subject, String email) throws Exception {
        // a file of its own, so that branches merge without conflicts
        String file = "file-" + clock + ".txt";
        Files.writeString(dir.resolve(file), subject);
        git.add().addFilepattern(file).call();
        // one second apart, so newest-first is not left to chance
        PersonIdent who = new PersonIdent("someone", email, Instant.ofEpochSecond(1_700_000_000L + clock++), ZoneOffset.UTC);
        return git.commit().setMessage(subject + "\n\nbody text").setAuthor(who).setCommitter(who).call();
    }

    @Test
    void withoutTagsAllHistoryNewestFirst() throws Exception {
        commit("first", "dev@example.com");
        commit("second", "dev@example.com");

        CommitLog.Range r = CommitLog.since(git.getRepository(), null, AGENT);
        assertThat(r.base()).isNull();
        assertThat(r.commits()).extracting(CommitLog.Commit::subject).containsExactly("second", "first");
    }

    @Test
    void sinceTheNewestTagBehindHeadLeavingOutMergesAndTheAgentsOwnCommits() throws Exception {
        commit("old work", "dev@example.com");
        git.tag().setName("v0.9").setAnnotated(false).call();
        commit("released work", "dev@example.com");
        git.tag().setName("v1.0").setMessage("release 1.0").call();
        commit("feat: fib", "dev@example.com");
        git.checkout().setCreateBranch(true).setName("side").call();
        commit("fix: side fix", "dev@example.com");
        git.checkout().setName("main").call();
        commit("Update CHANGELOG.md", AGENT);
        assertThat(git.merge().setMessage("Merge branch 'side'").include(git.getRepository().resolve("side"))
                .setFastForward(MergeCommand.FastForwardMode.NO_FF).call().getMergeStatus().isSuccessful()).isTrue();

        CommitLog.Range r = CommitLog.since(git.getRepository(), null, AGENT);
        assertThat(r.base()).isEqualTo("v1.0");
        assertThat(r.commits()).extracting(CommitLog.Commit::subject).containsExactly("fix: side fix", "feat: fib");
    }

    @Test
    void sinceABaseTheTaskNames() throws Exception {
        RevCommit first = commit("first", "dev@example.com");
        commit("second", "dev@example.com");
        git.tag().setName("v2").call();
        commit("third", "dev@example.com");

        assertThat(CommitLog.since(git.getRepository(), first.name(), AGENT).commits())
                .extracting(CommitLog.Commit::subject).containsExactly("third", "second");
        assertThatThrownBy(() -> CommitLog.since(git.getRepository(), "no-such-ref", AGENT))
                .hasMessageContaining("no ref or commit 'no-such-ref'");
    }

    @Test
    void anEmptyRepositoryIsSaidToHaveNoCommits() {
        assertThatThrownBy(() -> CommitLog.since(git.getRepository(), null, AGENT)).hasMessageContaining("no commits yet");
    }
}
