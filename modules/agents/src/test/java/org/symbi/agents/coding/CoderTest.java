package org.symbi.agents.coding;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.agents.diff.TempRepo;
import org.symbi.agents.llm.InvalidAnswerException;
import org.symbi.agents.llm.LlmClient;
import org.symbi.agents.llm.ScriptedOpenAiServer;
import org.symbi.agents.llm.TaskBudget;
import org.symbi.protocol.TraceKind;
import org.symbi.protocol.TraceStep;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The model's edits applied to a real working tree, through the real OpenAI client and a scripted server. */
class CoderTest {
    static final String FIB = "public final class Fib {\n    public static long fib(int n) {\n        long a = 0, b = 1;\n"
            + "        for (int i = 0; i < n; i++) {\n            long t = a + b;\n            a = b;\n            b = t;\n"
            + "        }\n        return a;\n    }\n}\n";
    static final String FIB_TEST = "class FibTest {\n    @org.junit.jupiter.api.Test\n    void fib() {\n"
            + "        org.junit.jupiter.api.Assertions.assertEquals(55, Fib.fib(10));\n    }\n}\n";

    @TempDir
    Path dir;
    private ScriptedOpenAiServer server;
    private TempRepo repo;
    private final List<TraceStep> steps = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = ScriptedOpenAiServer.start();
        repo = TempRepo.init(dir.resolve("repo"));
        repo.write("README.md", "# Maths\n").write("NOTES.txt", "scratch\n").write("src/main/java/Util.java", "class Util {}\n")
                .commit("start");
    }

    @AfterEach
    void stop() {
        repo.close();
        server.close();
    }

    private Coder coder() {
        return new Coder(LlmClient.open(server.config("gpt-4o-mini"), server.environment()), TaskBudget.defaults());
    }

    @Test
    void theModelsEditsAreWrittenStagedAndDiffed() throws Exception {
        server.reply(new Edits("Adds fib(n), iterative, with a test.")
                .write("src/main/java/Fib.java", FIB).write("src/test/java/FibTest.java", FIB_TEST)
                .write("README.md", "# Maths\n\n`Fib.fib(n)`: the n-th Fibonacci number.\n")
                .delete("NOTES.txt").toString(), 1500, 400);

        Change change = coder().change(repo.dir(), "Add a function that returns the n-th Fibonacci number (README.md "
                + "names it)", "t-code", steps::add);

        assertThat(change.summary()).isEqualTo("Adds fib(n), iterative, with a test.");
        assertThat(repo.read("src/main/java/Fib.java")).isEqualTo(FIB);
        assertThat(Files.exists(repo.dir().resolve("NOTES.txt"))).isFalse();
        assertThat(change.diff()).contains("diff --git a/src/main/java/Fib.java b/src/main/java/Fib.java")
                .contains("+        return a;").contains("+`Fib.fib(n)`: the n-th Fibonacci number.")
                .contains("deleted file mode");
        assertThat(repo.git().status().call().getAdded()).as("staged for the commit")
                .containsExactlyInAnyOrder("src/main/java/Fib.java", "src/test/java/FibTest.java");
        assertThat(change.toJson().path("files")).extracting(f -> f.path("action").asText() + " " + f.path("path").asText())
                .containsExactly("write src/main/java/Fib.java", "write src/test/java/FibTest.java", "write README.md",
                        "delete NOTES.txt");

        String sent = server.requests().getFirst().lastMessage();
        assertThat(sent).startsWith("Task:\nAdd a function that returns the n-th Fibonacci number")
                .contains("Files in the repository:\nNOTES.txt\nREADME.md\nsrc/main/java/Util.java\n")
                .contains("=== README.md ===\n# Maths\n");
        assertThat(sent.indexOf("=== README.md")).as("the file the task names comes first")
                .isLessThan(sent.indexOf("=== NOTES.txt"));
        assertThat(server.requests().getFirst().body().path("response_format").path("json_schema").path("name").asText())
                .isEqualTo("change");
        assertThat(steps).extracting(TraceStep::kind).containsExactly(TraceKind.THOUGHT, TraceKind.LLM_PROMPT,
                TraceKind.LLM_RESPONSE, TraceKind.TOOL_CALL, TraceKind.TOOL_CALL, TraceKind.TOOL_CALL,
                TraceKind.TOOL_CALL, TraceKind.OBSERVATION, TraceKind.DECISION);
        assertThat(steps.get(3).detail().path("tool").asText()).isEqualTo("write_file");
        assertThat(steps.get(6).detail().path("tool").asText()).isEqualTo("delete_file");
        assertThat(steps.get(7).content()).startsWith("Staged 4 files, +");
    }

    @Test
    void editsOutsideTheTreeOrOfGitsFilesAreSentBackAndNothingIsWrittenUntilTheyAreValid() throws Exception {
        server.reply(new Edits("Sneaky.").write("../outside.txt", "x").write(".git/config", "x")
                .write("/etc/passwd", "x").delete("ghost.txt").write("ok.txt", "fine\n").write("ok.txt", "twice\n")
                .toString());
        server.reply(new Edits("Adds ok.txt.").write("ok.txt", "fine\n").toString());

        Change change = coder().change(repo.dir(), "Add ok.txt", null, steps::add);

        assertThat(change.edits()).extracting(FileEdit::path).containsExactly("ok.txt");
        assertThat(Files.exists(dir.resolve("outside.txt"))).isFalse();
        assertThat(server.requests().get(1).lastMessage()).contains(
                "'../outside.txt': the path leads outside the repository",
                "'.git/config': git's own files are not to be edited",
                "'/etc/passwd': the path must be relative to the repository's root",
                "'ghost.txt' cannot be deleted: the repository has no such file",
                "'ok.txt' is edited twice");
    }

    @Test
    void aModelThatNeverProposesValidEditsChangesNothing() throws Exception {
        server.reply("{\"summary\": \"\", \"edits\": []}").reply("nope").reply("{\"edits\": 3}");

        assertThatThrownBy(() -> coder().change(repo.dir(), "Do something", null, steps::add))
                .isInstanceOf(InvalidAnswerException.class)
                .hasMessageStartingWith("the model gave no valid change in 3 answers");
        assertThat(repo.git().status().call().isClean()).isTrue();
    }

    @Test
    void pathsAreCheckedAgainstTheRoot() {
        Path root = dir.resolve("r");
        assertThat(Coder.pathProblem(root, "src/a/../b.txt")).isEqualTo("the path leads outside the repository");
        assertThat(Coder.pathProblem(root, "C:/x")).contains("relative");
        assertThat(Coder.pathProblem(root, "src\\x")).contains("'/' separators");
        assertThat(Coder.pathProblem(root, "docs/.gitignore")).isNull();
        assertThat(Coder.pathProblem(root, ".gitignore")).isNull();
    }
}
