package org.symbi.agents.flow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.symbi.agents.llm.ScriptedOpenAiServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Fibonacci request of the end-to-end flow, for tests that run it: the small git repository it is about,
 * and what a scripted language model answers to each call the built-in agents make on the way — the plan,
 * each change, the review — chosen by the name of the structured output the call asks for.
 */
public final class FibonacciScript {
    public static final String REQUEST = "Add a function that returns the n-th Fibonacci number, with tests";
    public static final String TEST_COMMAND = "python3 -m unittest -v";

    private static final ObjectMapper JSON = new ObjectMapper();

    private FibonacciScript() {
    }

    /** Queues this many answers on the server, each made from the request it answers. */
    public static void serve(ScriptedOpenAiServer server, int answers) {
        for (int i = 0; i < answers; i++) {
            server.replyWith(r -> new ScriptedOpenAiServer.Answer(200, server.completion(r, answer(r), 900, 300)));
        }
    }

    /** A git repository on {@code main} with a README, a changelog with an Unreleased section and a .gitignore. */
    public static Path repository(Path dir) throws IOException, GitAPIException {
        Files.createDirectories(dir);
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            Files.writeString(dir.resolve("README.md"), "# fib\n\nSmall numeric helpers.\n");
            Files.writeString(dir.resolve("CHANGELOG.md"), "# Changelog\n\n## Unreleased\n");
            Files.writeString(dir.resolve(".gitignore"), "__pycache__/\n");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("Start the project").setAuthor("Ada", "ada@example.org")
                    .setCommitter("Ada", "ada@example.org").setSign(false).call();
        }
        return dir;
    }

    /** What the model says, by the structured output the request asks for. */
    public static String answer(ScriptedOpenAiServer.Received r) {
        String schema = r.body().path("response_format").path("json_schema").path("name").asText();
        String task = r.lastMessage();
        return switch (schema) {
            case "plan" -> """
                    {"tasks":[
                     {"task_id":"branch","title":"Create a branch","description":"Branch from main.","capabilities":["git"],"depends_on":[]},
                     {"task_id":"implement","title":"Implement fib(n)","description":"Write fib.py with fib(n).","capabilities":["code"],"depends_on":["branch"]},
                     {"task_id":"write-tests","title":"Write tests for fib(n)","description":"Write test_fib.py.","capabilities":["code"],"depends_on":["branch"]},
                     {"task_id":"run-tests","title":"Run the tests","description":"Run the suite.","capabilities":["test"],"depends_on":["implement","write-tests"]},
                     {"task_id":"review","title":"Review the change","description":"Review the diff.","capabilities":["review"],"depends_on":["run-tests"]},
                     {"task_id":"changelog","title":"Update the changelog","description":"Add the entry.","capabilities":["docs"],"depends_on":["review"]},
                     {"task_id":"merge","title":"Merge the branch","description":"Merge once approved.","capabilities":["git"],"depends_on":["changelog"]}]}""";
            case "change" -> task.contains("Write tests for fib(n)") ? edit("test_fib.py", """
                    import unittest

                    from fib import fib


                    class FibTest(unittest.TestCase):
                        def test_first_numbers(self):
                            self.assertEqual([fib(n) for n in range(8)], [0, 1, 1, 2, 3, 5, 8, 13])

                        def test_negative_is_refused(self):
                            with self.assertRaises(ValueError):
                                fib(-1)
                    """, "Tests for fib(n)") : edit("fib.py", """
                    def fib(n):
                        \"\"\"The n-th Fibonacci number, fib(0) = 0.\"\"\"
                        if n < 0:
                            raise ValueError("n must not be negative")
                        a, b = 0, 1
                        for _ in range(n):
                            a, b = b, a + b
                        return a
                    """, "Add fib(n)");
            case "review" -> """
                    {"verdict":"pass","summary":"Small, correct and tested.","findings":[]}""";
            default -> "{}";
        };
    }

    private static String edit(String path, String content, String summary) {
        ObjectNode change = JSON.createObjectNode().put("summary", summary);
        change.putArray("edits").addObject().put("path", path).put("action", "write").put("content", content);
        return change.toString();
    }
}
