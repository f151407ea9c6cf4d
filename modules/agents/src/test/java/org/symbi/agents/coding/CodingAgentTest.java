package org.symbi.agents.coding;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.agents.diff.TempRepo;
import org.symbi.agents.llm.LlmClient;
import org.symbi.agents.llm.ScriptedOpenAiServer;
import org.symbi.agents.llm.TaskBudget;
import org.symbi.kernel.task.TaskView;
import org.symbi.protocol.TaskSpec;
import org.symbi.protocol.TaskStatus;
import org.symbi.protocol.TraceKind;
import org.symbi.sdk.AgentClient;
import org.symbi.sdk.LiveRoom;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The coding agent in a real room: with a model it changes the working tree; without one, code tasks wait. */
class CodingAgentTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;
    private LiveRoom room;
    private ScriptedOpenAiServer server;
    private TempRepo repo;
    private AgentClient agent;

    @BeforeEach
    void open() throws Exception {
        room = new LiveRoom(tmp.resolve("room"));
        server = ScriptedOpenAiServer.start();
        repo = TempRepo.init(tmp.resolve("repo"));
        repo.write("README.md", "# Maths\n").commit("start");
    }

    @AfterEach
    void close() {
        if (agent != null) {
            agent.close();
        }
        repo.close();
        server.close();
        room.close();
    }

    private void connect(CodingAgent coder) throws Exception {
        agent = AgentClient.connect(room.uri(), room.token("coder-1", "code"), coder.card("coder-1"), coder);
        room.awaitOnline("coder-1", WAIT);
    }

    @Test
    void withAModelTheTaskChangesTheWorkingTreeAndReportsTheDiff() throws Exception {
        server.reply(new Edits("Adds Fib with a test.").write("src/main/java/Fib.java", CoderTest.FIB)
                .write("src/test/java/FibTest.java", CoderTest.FIB_TEST).toString(), 1200, 300);
        LlmClient llm = LlmClient.open(server.config("gpt-4o-mini"), server.environment());
        connect(new CodingAgent(Optional.of(llm), TaskBudget.defaults(), Optional.empty()));
        assertThat(room.kernel().registry().find("coder-1").orElseThrow().card().capabilities()).containsExactly("code");

        TaskView done = room.runTask("code-1", "code", JsonNodeFactory.instance.objectNode()
                .put("worktree", repo.dir().toString()).put("request", "Add fib(n) with tests"), WAIT);

        assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(done.result().path("summary").asText()).isEqualTo("Adds Fib with a test.");
        assertThat(done.result().path("diff").asText()).contains("+public final class Fib {");
        assertThat(repo.read("src/main/java/Fib.java")).isEqualTo(CoderTest.FIB);
        assertThat(server.requests().getFirst().lastMessage()).startsWith("Task:\ntask code-1\n\n"
                + "The request this is part of: Add fib(n) with tests");
        assertThat(room.kernel().traces().forTask("code-1")).extracting(t -> t.step().kind()).containsExactly(
                TraceKind.THOUGHT, TraceKind.LLM_PROMPT, TraceKind.LLM_RESPONSE, TraceKind.TOOL_CALL,
                TraceKind.TOOL_CALL, TraceKind.OBSERVATION, TraceKind.DECISION);
    }

    @Test
    void withoutAModelTheAgentTakesNoCodeTaskAndTheTaskWaits() throws Exception {
        connect(new CodingAgent(Optional.empty(), TaskBudget.defaults(), Optional.of(repo.dir())));
        assertThat(room.kernel().registry().find("coder-1").orElseThrow().card().capabilities()).isEmpty();

        room.kernel().tasks().create(new TaskSpec("code-2", null, "Write fib", null, List.of("code"), null, null, null,
                null, null, null, null));
        Thread.sleep(1500); // several routing rounds

        TaskView waiting = room.kernel().tasks().find("code-2").orElseThrow();
        assertThat(waiting.status()).isEqualTo(TaskStatus.READY);
        assertThat(waiting.assignedAgent()).isNull();
        assertThat(waiting.attempts()).isZero();
        assertThat(repo.git().status().call().isClean()).isTrue();
    }

    @Test
    void aFixTaskIsTracedAsItsRoundAndTheModelIsToldTheFailingTests() throws Exception {
        repo.write("fib.sh", "echo 1\n").commit("fib");
        server.reply(new Edits("fib(0) is 0.").write("fib.sh", "echo 0\n").toString());
        LlmClient llm = LlmClient.open(server.config("gpt-4o-mini"), server.environment());
        connect(new CodingAgent(Optional.of(llm), TaskBudget.defaults(), Optional.empty()));

        TaskView done = room.runTask("t-7.fix-2", "code", fixInput(repo.dir().toString()), WAIT);

        assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(server.requests().getFirst().lastMessage())
                .contains("An earlier attempt did not pass; fix this:\nThe tests fail when `sh test.sh` runs")
                .contains("- FibTest.zero: expected 0 but was 1\n    at FibTest.zero(FibTest.java:7)")
                .contains("- FibTest.ten: expected 55 but was 89")
                .contains("The end of the test output:\nRunning FibTest\nTests run: 2, Failures: 2\n\nFiles in the repository:");
        assertThat(room.kernel().traces().forTask("t-7.fix-2")).first().satisfies(t -> {
            assertThat(t.step().kind()).isEqualTo(TraceKind.THOUGHT);
            assertThat(t.step().content()).isEqualTo("Fix round 2 for task t-7: 2 failing tests of `sh test.sh`.");
        });
    }

    @Test
    void whatAFixTaskTellsTheModelIsBounded() {
        ObjectNode input = fixInput("/repo");
        ArrayNode failures = input.putArray("failures");
        for (int i = 0; i < 50; i++) {
            failures.addObject().put("test", "T" + i).put("message", "m".repeat(2_000)).put("detail", "d".repeat(10_000));
        }
        input.put("test_output", "early output\n" + "x".repeat(100_000) + "\nthe last line");
        TaskSpec task = new TaskSpec("t-7.fix-1", null, "Make the tests pass", null, List.of("code"), null, null, null,
                null, null, null, input);

        String told = CodingAgent.instructions(task);

        assertThat(told).contains("- T9: " + "m".repeat(FixRequest.MESSAGE_CHARS) + "…\n    "
                + "d".repeat(FixRequest.DETAIL_CHARS) + "…\n- T10: " + "m".repeat(FixRequest.MESSAGE_CHARS) + "…\n- T11")
                .contains("- T39: ").doesNotContain("- T40").contains("- and 10 more")
                .endsWith("the last line").doesNotContain("early output");
        assertThat(told.length()).isLessThan(FixRequest.DETAILED * (FixRequest.MESSAGE_CHARS + FixRequest.DETAIL_CHARS)
                + FixRequest.NAMED * (FixRequest.MESSAGE_CHARS + 10) + FixRequest.OUTPUT_CHARS + 1_000);
    }

    /** A fix task's input as the test agent writes it. */
    private static ObjectNode fixInput(String worktree) {
        ObjectNode input = JsonNodeFactory.instance.objectNode().put("worktree", worktree).put("repository", "fib")
                .put("fix_for", "t-7").put("fix_round", 2).put("test_command", "sh test.sh")
                .put("test_output", "Running FibTest\nTests run: 2, Failures: 2\n");
        input.putArray("failures")
                .add(JsonNodeFactory.instance.objectNode().put("test", "FibTest.zero").put("message", "expected 0 but was 1")
                        .put("detail", "at FibTest.zero(FibTest.java:7)"))
                .add(JsonNodeFactory.instance.objectNode().put("test", "FibTest.ten").put("message", "expected 55 but was 89")
                        .putNull("detail"));
        return input;
    }

    @Test
    void feedbackFromAFailedAttemptReachesTheModel() {
        TaskSpec task = new TaskSpec("code-3", null, "Fix fib", "fib(0) must be 0.", List.of("code"), null, null, null,
                null, null, null, JsonNodeFactory.instance.objectNode().put("feedback", "FibTest.zero: expected 0, was 1"));
        assertThat(CodingAgent.instructions(task)).isEqualTo("Fix fib\n\nfib(0) must be 0.\n\n"
                + "An earlier attempt did not pass; fix this:\nFibTest.zero: expected 0, was 1");
    }
}
