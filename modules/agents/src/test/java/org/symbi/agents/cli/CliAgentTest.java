package org.symbi.agents.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.agents.AgentEnv;
import org.symbi.agents.AgentMain;
import org.symbi.agents.SupervisedRoom;
import org.symbi.kernel.task.TaskView;
import org.symbi.protocol.TaskStatus;
import org.symbi.protocol.TraceKind;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The adapter around a real shell script standing in for a coding tool, in a real room, on a real repository. */
@Timeout(90)
class CliAgentTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;
    private SupervisedRoom room;
    private AgentMain.Running agent;
    private Path repository;

    @BeforeEach
    void open() throws Exception {
        room = new SupervisedRoom(tmp.resolve("data"));
        repository = tmp.resolve("repo");
        try (Git git = Git.init().setDirectory(repository.toFile()).setInitialBranch("main").call()) {
            Files.writeString(repository.resolve("hello.txt"), "hello\n");
            Files.writeString(repository.resolve("old.txt"), "to be removed\n");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("start").setAuthor("someone", "someone@example.org")
                    .setCommitter("someone", "someone@example.org").call();
        }
    }

    @AfterEach
    void close() {
        if (agent != null) {
            agent.close();
        }
        room.close();
    }

    /** A tool: a script that edits, adds and removes files and talks about it. */
    private Path script(String body) throws Exception {
        Path script = tmp.resolve("tool.sh");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        return script;
    }

    private void startAgent(Path script, Map<String, String> settings) throws Exception {
        Map<String, String> env = room.env("cli-1", "code");
        env.put("SYMBI_CLI_COMMAND", "[\"sh\", \"" + script + "\", \"{prompt}\", \"{task_id}\"]");
        env.put("SYMBI_CLI_REPOSITORY", repository.toString());
        env.put("SYMBI_CLI_WORKSPACE", tmp.resolve("work").toString());
        env.put("SYMBI_CLI_NAME", "mytool");
        env.putAll(settings);
        agent = AgentMain.start(new CliAgent.Kind(), new AgentEnv(env));
    }

    @Test
    void whatTheToolChangesInTheTasksCloneBecomesTheDiffCommittedByTheAgent() throws Exception {
        startAgent(script("""
                echo "$1" >> hello.txt
                echo "made by $2" > added.txt
                rm old.txt
                echo "working in $PWD on $SYMBI_TASK_ID"
                echo "done" >&2
                """), Map.of());
        room.createTask("fib-1", "Add a greeting", List.of("code"),
                JsonNodeFactory.instance.objectNode().put("prompt", "say hello to {worktree} readers"));
        TaskView task = room.awaitEnd("fib-1", WAIT);
        assertThat(task.status()).as(task.detail()).isEqualTo(TaskStatus.COMPLETED);

        Path clone = tmp.resolve("work/cli-1/fib-1");
        assertThat(task.result().path("worktree").asText()).isEqualTo(clone.toString());
        assertThat(task.result().path("branch").asText()).isEqualTo("symbi/fib-1");
        assertThat(task.result().path("changed").asBoolean()).isTrue();
        assertThat(task.result().path("files")).extracting(n -> n.asText())
                .containsExactlyInAnyOrder("hello.txt", "added.txt", "old.txt");
        assertThat(task.result().path("diff").asText()).contains("+say hello to {worktree} readers")
                .contains("+made by fib-1").contains("-to be removed").contains("diff --git a/old.txt b/old.txt");
        try (Git git = Git.open(clone.toFile())) {
            RevCommit head = git.log().setMaxCount(1).call().iterator().next();
            assertThat(head.getName()).isEqualTo(task.result().path("commit").asText());
            assertThat(head.getAuthorIdent().getName()).isEqualTo("cli-1");
            assertThat(head.getCommitterIdent().getEmailAddress()).isEqualTo("cli-1@agents.symbi");
            assertThat(head.getFullMessage()).startsWith("Add a greeting\n\nTask fib-1, by cli-1 with mytool.");
            assertThat(git.status().call().isClean()).isTrue();
        }
        try (Git original = Git.open(repository.toFile())) {
            assertThat(original.status().call().isClean()).as("the repository itself is left alone").isTrue();
        }

        var trace = room.kernel().traces().forTask("fib-1");
        assertThat(trace).filteredOn(t -> t.step().kind() == TraceKind.TOOL_CALL)
                .extracting(t -> t.step().content()).containsExactly("git clone", "mytool");
        assertThat(trace).filteredOn(t -> t.step().kind() == TraceKind.OBSERVATION).extracting(t -> t.step().content())
                .contains("working in " + clone.toRealPath() + " on fib-1\ndone\n")
                .anySatisfy(c -> assertThat(c).startsWith("diff --git"));
        assertThat(trace).last().satisfies(t -> assertThat(t.step().content())
                .startsWith("committed 3 changed file(s) as " + task.result().path("commit").asText()));
    }

    @Test
    void aToolThatChangesNothingCompletesWithoutACommit() throws Exception {
        startAgent(script("echo nothing to do"), Map.of());
        room.createTask("idle-1", "Look around", List.of("code"), null);
        TaskView task = room.awaitEnd("idle-1", WAIT);
        assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(task.result().path("changed").asBoolean()).isFalse();
        assertThat(task.result().has("commit")).isFalse();
    }

    @Test
    void aToolThatFailsOrRunsTooLongFailsItsAttemptWithItsLastOutput() throws Exception {
        startAgent(script("""
                case "$1" in
                  slow*) echo "thinking"; sleep 30 ;;
                  *) echo "cannot do: $1"; exit 3 ;;
                esac
                """), Map.of("SYMBI_CLI_TIMEOUT", "1s"));
        room.createTask("bad-1", "impossible", List.of("code"), null);
        room.createTask("slow-1", "slow work", List.of("code"), null);
        SupervisedRoom.await(WAIT, () -> detail("bad-1").contains("attempt 2") && detail("slow-1").contains("attempt 2"),
                () -> "both first attempts to fail: " + detail("bad-1") + " / " + detail("slow-1"));
        assertThat(detail("bad-1")).contains("mytool exited with status 3; its last output: cannot do: impossible");
        assertThat(detail("slow-1")).contains("mytool timed out after 1 s; its last output: thinking");
    }

    private String detail(String taskId) {
        String d = room.kernel().tasks().find(taskId).orElseThrow().detail();
        return d == null ? "" : d;
    }

    @Test
    void theCommandIsAJsonArrayOrWordsAndItsPlaceholdersAreFilledOnce() {
        assertThat(CliSettings.command("mytool --prompt {prompt}")).containsExactly("mytool", "--prompt", "{prompt}");
        assertThat(CliSettings.command("[\"my tool\", \"-p\", \"{prompt}\"]")).containsExactly("my tool", "-p", "{prompt}");
        assertThatThrownBy(() -> CliSettings.command("[\"unclosed\"")).hasMessageContaining("not a JSON array");
        assertThat(CliAgent.fill(List.of("t", "--in={worktree}", "{prompt}", "#{task_id}"), "fix {task_id} $1",
                Path.of("/w"), "t-1")).containsExactly("t", "--in=/w", "fix {task_id} $1", "#t-1");
    }
}
