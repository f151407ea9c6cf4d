package org.symbi.agents.docs;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.agents.liveroom.LiveAgentRoom;
import org.symbi.kernel.task.TaskView;
import org.symbi.protocol.TaskStatus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The documentation agent in a real room, on temporary git repositories. */
class DocsAgentTest {
    private static final PersonIdent DEV = new PersonIdent("Dev", "dev@example.com");
    private static final String README = """
            # fib

            A Fibonacci library.

            ## Usage

            Nothing yet.

            ## License

            MIT\s\s
            """;

    @TempDir
    Path tmp;
    private Path repo;
    private Git git;
    private LiveAgentRoom room;

    @BeforeEach
    void start() throws Exception {
        room = new LiveAgentRoom(tmp);
        room.connect(DocsAgent.card("docs-1"), new DocsAgent());
        repo = Files.createDirectories(tmp.resolve("fib"));
        git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call();
        TestRepositories.noBackgroundGc(git);
        Files.writeString(repo.resolve("README.md"), README);
        Files.writeString(repo.resolve("CHANGELOG.md"), """
                # Changelog

                ## [1.0.0]

                - First release
                """);
        commit("First release", "README.md", "CHANGELOG.md");
        git.tag().setName("v1.0.0").setMessage("1.0.0").call();
    }

    @AfterEach
    void close() {
        git.close();
        room.close();
    }

    private void commit(String subject, String... files) throws Exception {
        for (String f : files) {
            git.add().addFilepattern(f).call();
        }
        git.commit().setMessage(subject).setAuthor(DEV).setCommitter(DEV).call();
    }

    private void work(String file, String subject) throws Exception {
        Files.writeString(repo.resolve(file), subject);
        commit(subject, file);
    }

    private TaskView run(String taskId, ObjectNode input) throws InterruptedException {
        room.createTask(taskId, DocsAgent.CAPABILITY, input);
        return room.awaitTask(taskId, t -> t.status() == TaskStatus.COMPLETED || t.attempts() >= 1);
    }

    private ObjectNode input() {
        return JsonNodeFactory.instance.objectNode().put("worktree", repo.toString());
    }

    @Test
    void writesTheCommitsSinceTheLastTagAndTheNamedSectionAndCommitsOnlyThoseAsItself() throws Exception {
        work("Fib.java", "feat: n-th Fibonacci number");
        work("FibTest.java", "test: cases for 0, 1 and 10");
        work("Fib2.java", "fix: fib(0) is 0");
        Files.writeString(repo.resolve("Unrelated.java"), "work in progress");
        git.add().addFilepattern("Unrelated.java").call();

        TaskView t = run("d-1", input().put("readme_section", "Usage").put("readme_text", "Call `Fib.of(n)`."));

        assertThat(t.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(Files.readString(repo.resolve("CHANGELOG.md"))).isEqualTo("""
                # Changelog

                ## Unreleased

                ### Added

                - N-th Fibonacci number

                ### Changed

                - Cases for 0, 1 and 10

                ### Fixed

                - Fib(0) is 0

                ## [1.0.0]

                - First release
                """);
        assertThat(Files.readString(repo.resolve("README.md")))
                .isEqualTo(README.replace("Nothing yet.", "Call `Fib.of(n)`."));
        RevCommit head = git.log().setMaxCount(1).call().iterator().next();
        assertThat(head.getAuthorIdent().getName()).isEqualTo("docs-1");
        assertThat(head.getAuthorIdent().getEmailAddress()).isEqualTo("docs-1@agents.symbi.local");
        assertThat(head.getShortMessage()).isEqualTo("Update CHANGELOG.md and README.md section \"Usage\"");
        assertThat(filesChangedBy(head)).containsExactlyInAnyOrder("CHANGELOG.md", "README.md");
        assertThat(git.status().call().getAdded()).containsExactly("Unrelated.java");
        assertThat(t.result().get("commit").asText()).isEqualTo(head.name());
        assertThat(t.result().get("base").asText()).isEqualTo("v1.0.0");
        assertThat(t.result().at("/changelog/added").asInt()).isEqualTo(3);

        // a second run finds nothing new: its own commit is no entry, the entries and the section are there
        TaskView again = run("d-2", input().put("readme_section", "Usage").put("readme_text", "Call `Fib.of(n)`."));
        assertThat(again.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(again.result().get("commit").isNull()).isTrue();
        assertThat(again.result().at("/changelog/already_there").asInt()).isEqualTo(3);
        assertThat(git.log().setMaxCount(1).call().iterator().next()).isEqualTo(head);
    }

    @Test
    void withoutTextTheSectionSummarisesTheCommitsSinceTheBaseTheTaskNames() throws Exception {
        work("A.java", "Add the parser");
        String base = git.getRepository().resolve("HEAD").name();
        work("B.java", "Fix the parser's error messages");

        TaskView t = run("d-3", input().put("base", base).put("changelog", false).put("readme_section", "Usage"));

        assertThat(t.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(Files.readString(repo.resolve("README.md"))).contains("""
                ## Usage

                Changes since %s:

                **Fixed**

                - Fix the parser's error messages

                ## License
                """.formatted(base));
        assertThat(Files.readString(repo.resolve("CHANGELOG.md"))).doesNotContain("Unreleased");
        assertThat(t.result().at("/readme/generated").asBoolean()).isTrue();
        assertThat(room.kernel().traces().forTask("d-3")).anySatisfy(s -> assertThat(s.step().content())
                .contains("summary of the commit subjects (written without a model)"));
    }

    @Test
    void aTaskOutsideAGitRepositoryOrWritingOutsideItsWorktreeFailsSayingWhy() throws Exception {
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        TaskView notGit = run("d-4", JsonNodeFactory.instance.objectNode().put("worktree", plain.toString()));
        TaskView escape = run("d-5", input().put("changelog_file", "../elsewhere.md"));

        assertThat(notGit.detail()).contains("could not update the docs");
        assertThat(escape.detail()).contains("the file ../elsewhere.md is not inside the worktree");
        assertThat(tmp.resolve("elsewhere.md")).doesNotExist();
    }

    private List<String> filesChangedBy(RevCommit commit) throws Exception {
        List<String> files = new ArrayList<>();
        try (TreeWalk walk = new TreeWalk(git.getRepository())) {
            walk.addTree(commit.getParent(0).getTree());
            walk.addTree(commit.getTree());
            walk.setRecursive(true);
            walk.setFilter(org.eclipse.jgit.treewalk.filter.TreeFilter.ANY_DIFF);
            while (walk.next()) {
                files.add(walk.getPathString());
            }
        }
        return files;
    }
}
