package org.symbi.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.agents.diff.TempRepo;
import org.symbi.agents.llm.ScriptedOpenAiServer;
import org.symbi.kernel.supervisor.AgentTemplate;
import org.symbi.kernel.supervisor.AgentTemplates;
import org.symbi.kernel.task.TaskView;
import org.symbi.store.DataDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The templates of the built-in team, each started by the room's supervisor as a child process with the
 * data directory's configuration (repositories.json, environments.json) as a person writes it, complete one
 * real task: a plan by rules, a change written with a scripted model, a branch, a test run, a review, a
 * changelog and a deploy.
 */
@Timeout(300)
class TeamTemplatesTest {
    /** The team's templates and the capability of each. */
    static final Map<String, String> TEAM = Map.of("planner", "plan", "coding-agent", "code", "git-agent", "git",
            "test-runner", "test", "reviewer", "review", "docs-writer", "docs", "deployer", "deploy");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path tmp;
    private final Map<String, ObjectNode> inputs = new LinkedHashMap<>();

    @Test
    void everyTeamTemplateStartsAsAProcessAndCompletesATask() throws Exception {
        List<AgentTemplate> team = AgentTemplates.load(new DataDir(tmp.resolve("empty"))).all().stream()
                .filter(t -> TEAM.containsKey(t.id())).toList();
        assertThat(team).extracting(AgentTemplate::id).containsExactlyInAnyOrderElementsOf(TEAM.keySet());
        Path data = Files.createDirectories(tmp.resolve("data"));
        try (ScriptedOpenAiServer model = ScriptedOpenAiServer.start()) {
            model.reply(JSON.createObjectNode().put("summary", "Adds fib.").set("edits", JSON.createArrayNode()
                    .add(JSON.createObjectNode().put("path", "fib.py").put("action", "write")
                            .put("content", "def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\n")))
                    .toString(), 900, 120);
            configure(data, model);
            try (SupervisedRoom room = new SupervisedRoom(data)) {
                Map<String, TaskView> done = room.runOneTaskEach(team, t -> inputs.get(t.id()), WAIT);
                done.forEach((template, task) -> assertResult(template, task.result()));
                // the repository's own test timeout, from repositories.json
                assertThat(room.kernel().traces().forTask("task-test-runner")).anySatisfy(step ->
                        assertThat(String.valueOf(step.step().detail())).contains("\"timeout_seconds\":60"));
            }
            assertThat(model.requests()).hasSize(1);
        }
    }

    /**
     * The data directory as a person sets it up: the repositories file (the git agent's rules and the test
     * agent's command, in one), the environments file, and the coding agent's template pointed at a model.
     */
    private void configure(Path data, ScriptedOpenAiServer model) throws Exception {
        Path testRepo = Files.createDirectories(tmp.resolve("calc"));
        Files.writeString(data.resolve("repositories.json"), """
                {"repositories": [
                  {"name": "branching", "branchPrefix": "symbi/"},
                  {"name": "calc", "testCommand": "echo 'Summary: 3 passed, 0 failed'", "testTimeout": "1m"}
                ]}
                """);
        Path artifact = Files.writeString(tmp.resolve("app-1.txt"), "release 1\n");
        Files.writeString(data.resolve("environments.json"), """
                {"environments": [
                  {"name": "dev", "deploy": "cp \\"$SYMBI_ARTIFACT\\" live.txt", "health": "test -f live.txt",
                   "healthAttempts": 2, "healthInterval": "200ms", "timeout": "30s"}
                ]}
                """);
        Files.createDirectories(data.resolve("agents"));
        ObjectNode coding;
        try (InputStream in = AgentTemplates.class.getResourceAsStream("/agents/coding-agent.json")) {
            coding = (ObjectNode) JSON.readTree(in);
        }
        ((ObjectNode) coding.get("env")).put("SYMBI_LLM_PROVIDER", "openai-compatible")
                .put("SYMBI_LLM_MODEL", "scripted").put("SYMBI_LLM_BASE_URL", model.baseUrl());
        Files.writeString(data.resolve("agents").resolve("coding-agent.json"), coding.toString());

        try (TempRepo code = TempRepo.init(tmp.resolve("code"));
             TempRepo branching = TempRepo.init(tmp.resolve("branching"));
             TempRepo docs = TempRepo.init(tmp.resolve("docs"))) {
            code.write("README.md", "# Maths\n").commit("start");
            branching.write("README.md", "# Branching\n").commit("start");
            docs.write("README.md", "# Docs\n").commit("start");
            docs.write("fib.py", "def fib(n):\n    return n\n").commit("Add fib function");
            JsonNodeFactory f = JsonNodeFactory.instance;
            inputs.put("planner", f.objectNode().put("request", "Fix the crash when the list is empty"));
            inputs.put("coding-agent", f.objectNode().put("worktree", code.dir().toString()));
            inputs.put("git-agent", f.objectNode().put("op", "branch").put("repository", branching.dir().toString()));
            inputs.put("test-runner", f.objectNode().put("worktree", testRepo.toString()));
            inputs.put("reviewer", f.objectNode().put("diff", """
                    diff --git a/test_fib.py b/test_fib.py
                    new file mode 100644
                    --- /dev/null
                    +++ b/test_fib.py
                    @@ -0,0 +1,2 @@
                    +def test_fib():
                    +    assert fib(10) == 55
                    """));
            inputs.put("docs-writer", f.objectNode().put("worktree", docs.dir().toString()));
            inputs.put("deployer", f.objectNode().put("environment", "dev").put("artifact", artifact.toString()));
        }
    }

    private static void assertResult(String template, JsonNode result) {
        switch (template) {
            case "planner" -> {
                assertThat(result.path("planner").asText()).isEqualTo("rules");
                assertThat(result.path("tasks").size()).isGreaterThan(2);
            }
            case "coding-agent" -> assertThat(result.path("diff").asText()).contains("+def fib(n):");
            case "git-agent" -> assertThat(result.path("branch").asText()).startsWith("symbi/task-git-agent");
            case "test-runner" -> {
                assertThat(result.path("passed").asBoolean()).isTrue();
                assertThat(result.at("/counts/passed").asInt()).isEqualTo(3);
            }
            case "reviewer" -> {
                assertThat(result.path("reviewer").asText()).isEqualTo("static");
                assertThat(result.path("verdict").asText()).isEqualTo("pass");
            }
            case "docs-writer" -> assertThat(result.at("/changelog/added").asInt()).isEqualTo(2);
            case "deployer" -> assertThat(result.path("deployed").asBoolean()).isTrue();
            default -> throw new AssertionError("no check for " + template);
        }
    }
}
