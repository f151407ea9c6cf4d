package org.symbi.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.agents.llm.ScriptedOpenAiServer;
import org.symbi.kernel.supervisor.AgentTemplate;
import org.symbi.kernel.supervisor.AgentTemplates;
import org.symbi.kernel.task.TaskView;
import org.symbi.store.DataDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every agent template the product ships, started by the room's supervisor as a child process, completes
 * one task; the built-in team's templates in {@link TeamTemplatesTest}, the others here. Settings that depend
 * on where the room runs (the model's endpoint, the repository a command-line tool works on) are filled in
 * the way a person does it: a copy of the template in the data directory's {@code agents/}, edited.
 */
@Timeout(240)
class TemplatesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path tmp;

    @Test
    void everyShippedTemplateStartsAsAProcessAndCompletesATask() throws Exception {
        List<AgentTemplate> shipped = AgentTemplates.load(new DataDir(tmp.resolve("empty"))).all().stream()
                .filter(t -> !TeamTemplatesTest.TEAM.containsKey(t.id())).toList();
        assertThat(shipped).extracting(AgentTemplate::id).containsExactlyInAnyOrder("echo-node",
                "repository-maintenance", "repository-docs", "repository-testing", "website-content", "website-ux",
                "website-analytics", "health-monitor", "ledger-audit", "cli-agent");
        Path repository = repository();
        try (ScriptedOpenAiServer model = ScriptedOpenAiServer.start()) {
            shipped.stream().filter(TemplatesTest::isRole).forEach(t -> model.replyWith(r -> done(model, r)));
            Path data = tmp.resolve("data");
            Files.createDirectories(data.resolve("agents"));
            for (AgentTemplate t : shipped) {
                Files.writeString(data.resolve("agents").resolve(t.id() + ".json"), edited(t, model, repository).toString());
            }
            try (SupervisedRoom room = new SupervisedRoom(data)) {
                Map<String, TaskView> done = room.runOneTaskEach(shipped,
                        t -> JsonNodeFactory.instance.objectNode().put("prompt", "greet " + t.id()), WAIT);
                shipped.forEach(t -> assertResult(t, done.get(t.id()).result()));
                // each role's own prompt went to the model
                List<String> systemPrompts = model.requests().stream()
                        .map(r -> r.body().path("messages").get(0).path("content").asText()).toList();
                shipped.stream().filter(TemplatesTest::isRole)
                        .forEach(t -> assertThat(systemPrompts).contains(t.env().get("SYMBI_ROLE_PROMPT")));
            }
        }
    }

    /** A role's answer, whichever role asks first: it names the task it was given. */
    private static ScriptedOpenAiServer.Answer done(ScriptedOpenAiServer model, ScriptedOpenAiServer.Received request) {
        return new ScriptedOpenAiServer.Answer(200, model.completion(request,
                "done with " + request.lastMessage().lines().findFirst().orElse(""), 42, 7));
    }

    private static boolean isRole(AgentTemplate t) {
        return t.command().getLast().equals("role");
    }

    private static void assertResult(AgentTemplate t, JsonNode result) {
        switch (t.id()) {
            case "health-monitor" -> assertThat(result.has("findings")).isTrue();
            case "ledger-audit" -> assertThat(result.path("ok").asBoolean()).isTrue();
            case "cli-agent" -> assertThat(result.path("diff").asText()).contains("+greet cli-agent");
            case "echo-node" -> assertThat(result.toString()).contains("greet echo-node");
            default -> {
                assertThat(isRole(t)).as(t.id() + " is a role template").isTrue();
                assertThat(result.path("answer").asText()).endsWith("done with Task: One task for " + t.name());
            }
        }
    }

    /** The template as a person would adapt it to this machine, in the data directory. */
    private ObjectNode edited(AgentTemplate t, ScriptedOpenAiServer model, Path repository) throws Exception {
        ObjectNode json;
        try (InputStream in = AgentTemplates.class.getResourceAsStream("/agents/" + t.id() + ".json")) {
            json = (ObjectNode) JSON.readTree(in);
        }
        ObjectNode env = json.has("env") ? (ObjectNode) json.get("env") : json.putObject("env");
        if (isRole(t)) {
            env.put("SYMBI_LLM_PROVIDER", "openai-compatible").put("SYMBI_LLM_BASE_URL", model.baseUrl())
                    .put("SYMBI_LLM_MODEL", "scripted");
        }
        switch (t.id()) {
            case "cli-agent" -> {
                Path tool = tmp.resolve("tool.sh");
                Files.writeString(tool, "#!/bin/sh\necho \"$1\" >> notes.txt\necho \"wrote $1\"\n");
                env.put("SYMBI_CLI_COMMAND", "[\"sh\", \"" + tool + "\", \"{prompt}\"]")
                        .put("SYMBI_CLI_REPOSITORY", repository.toString());
            }
            case "echo-node" -> json.put("working_dir", nodeExampleReady().toString());
            default -> {
            }
        }
        return json;
    }

    private Path repository() throws Exception {
        Path repo = tmp.resolve("repo");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.writeString(repo.resolve("notes.txt"), "notes\n");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("start").setAuthor("someone", "someone@example.org")
                    .setCommitter("someone", "someone@example.org").call();
        }
        return repo;
    }

    /**
     * The checkout whose {@code examples/node-agent} the Node.js example's template runs, with the example's
     * one dependency installed (Node.js and npm are required, as for the SDK's own tests of the example).
     */
    private static Path nodeExampleReady() throws Exception {
        Path root = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("../..").normalize();
        Path example = root.resolve("examples/node-agent");
        if (!Files.isDirectory(example.resolve("node_modules/ws"))) {
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(example.toFile())
                    .redirectErrorStream(true).start();
            String output = new String(npm.getInputStream().readAllBytes());
            assertThat(npm.waitFor()).as("npm ci in " + example + ":\n" + output).isZero();
        }
        return root;
    }
}
