package org.symbi.agents.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.agents.liveroom.LiveAgentRoom;
import org.symbi.kernel.task.TaskView;
import org.symbi.kernel.trace.StoredError;
import org.symbi.kernel.trace.StoredTrace;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.TaskSpec;
import org.symbi.protocol.TaskStatus;
import org.symbi.protocol.TraceKind;
import org.symbi.sdk.AgentHandler;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test agent in a real room, on a tiny repository whose test command is a shell script that writes a
 * JUnit report: failing until a file named {@code fixed} exists. A stand-in coding agent takes the fix
 * tasks and either writes that file or does nothing.
 */
class TestAgentTest {
    private static final String FAILING = """
            <testsuite name="FibTest">
              <testcase classname="FibTest" name="zero"><failure message="expected 0 but was 1">at FibTest.zero(FibTest.java:7)</failure></testcase>
              <testcase classname="FibTest" name="one"/>
            </testsuite>""";
    private static final String PASSING = """
            <testsuite name="FibTest">
              <testcase classname="FibTest" name="zero"/>
              <testcase classname="FibTest" name="one"/>
            </testsuite>""";

    @TempDir
    Path tmp;
    private Path repo;
    private LiveAgentRoom room;
    private final List<TaskSpec> fixTasks = new CopyOnWriteArrayList<>();

    @BeforeEach
    void openRoomAndRepository() throws Exception {
        room = new LiveAgentRoom(tmp);
        repo = Files.createDirectories(tmp.resolve("fib"));
        Files.writeString(repo.resolve("failing.xml"), FAILING);
        Files.writeString(repo.resolve("passing.xml"), PASSING);
        Files.writeString(repo.resolve("run-tests.sh"), """
                mkdir -p target/surefire-reports
                if [ -f fixed ]; then
                  cp passing.xml target/surefire-reports/TEST-FibTest.xml
                  echo "all good"
                  exit 0
                fi
                cp failing.xml target/surefire-reports/TEST-FibTest.xml
                echo "There are test failures."
                exit 1
                """);
    }

    @AfterEach
    void close() {
        room.close();
    }

    private void startTestAgent(TestSettings settings) throws Exception {
        AgentCard card = TestAgent.card("tester-1");
        String token = room.token(card);
        RoomTasks tasks = new RoomTasks(HttpClient.newHttpClient(), room.uri(), token);
        room.connect(card, token, new TestAgent(settings, tasks));
    }

    /** A coding agent that takes fix tasks; one that fixes writes the file the tests look for. */
    private void startCodingAgent(boolean fixes) throws Exception {
        AgentHandler coder = (client, task, request) -> {
            fixTasks.add(task);
            try {
                if (fixes) {
                    Files.writeString(Path.of(task.input().get("worktree").asText()).resolve("fixed"), "yes");
                }
                client.completeTask(task, JsonNodeFactory.instance.objectNode().put("changed", fixes));
            } catch (java.io.IOException e) {
                client.failTask(task, e.getMessage());
            }
        };
        room.connect(AgentCard.of("coder-1", "coder", List.of("code")), coder);
    }

    private ObjectNode input() {
        return JsonNodeFactory.instance.objectNode().put("worktree", repo.toString()).put("repository", "fib")
                .put("branch", "feature/fib").put("command", "sh run-tests.sh");
    }

    private TaskView ended(String taskId) throws InterruptedException {
        return room.awaitTask(taskId, t -> t.status() == TaskStatus.COMPLETED || t.status() == TaskStatus.FAILED);
    }

    @Test
    void passingTestsCompleteTheTaskWithWhatTheReportsSay() throws Exception {
        Files.writeString(repo.resolve("fixed"), "already");
        startTestAgent(TestSettings.defaults());

        room.createTask("t-pass", TestAgent.CAPABILITY, input());
        TaskView t = ended("t-pass");

        assertThat(t.status()).isEqualTo(TaskStatus.COMPLETED);
        JsonNode result = t.result();
        assertThat(result.get("passed").asBoolean()).isTrue();
        assertThat(result.get("fix_rounds").asInt()).isZero();
        assertThat(result.at("/counts/source").asText()).isEqualTo("junit-xml");
        assertThat(result.at("/counts/tests").asInt()).isEqualTo(2);
        assertThat(result.at("/counts/passed").asInt()).isEqualTo(2);
        assertThat(result.get("output").asText()).contains("all good");
        List<StoredTrace> steps = room.kernel().traces().forTask("t-pass");
        assertThat(steps).extracting(s -> s.step().kind())
                .containsSubsequence(TraceKind.THOUGHT, TraceKind.TOOL_CALL, TraceKind.OBSERVATION, TraceKind.DECISION);
        assertThat(steps).anySatisfy(s -> assertThat(s.step().content())
                .startsWith("exit 0 after").contains("2 tests: 2 passed (junit-xml)"));
        assertThat(fixTasks).isEmpty();
    }

    @Test
    void failuresGoToACodingAgentAndTheTestsRunAgainAfterTheFix() throws Exception {
        startTestAgent(TestSettings.defaults());
        startCodingAgent(true);

        room.createTask("t-fix", TestAgent.CAPABILITY, input());
        TaskView t = ended("t-fix");

        assertThat(t.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(t.result().get("fix_rounds").asInt()).isEqualTo(1);
        assertThat(t.result().at("/counts/passed").asInt()).isEqualTo(2);
        TaskSpec fix = fixTasks.getFirst();
        assertThat(fixTasks).hasSize(1);
        assertThat(fix.taskId()).isEqualTo("t-fix.fix-1");
        assertThat(fix.requiredCapabilities()).containsExactly("code");
        assertThat(fix.description()).contains("- FibTest.zero: expected 0 but was 1").contains(repo.toString());
        assertThat(fix.input().get("worktree").asText()).isEqualTo(repo.toString());
        assertThat(fix.input().get("branch").asText()).isEqualTo("feature/fib");
        assertThat(fix.input().get("fix_for").asText()).isEqualTo("t-fix");
        assertThat(fix.input().get("test_command").asText()).isEqualTo("sh run-tests.sh");
        assertThat(fix.input().has("command")).isFalse();
        assertThat(fix.input().at("/failures/0/test").asText()).isEqualTo("FibTest.zero");
        assertThat(fix.input().at("/failures/0/detail").asText()).contains("FibTest.java:7");
        assertThat(room.kernel().tasks().find("t-fix.fix-1").orElseThrow().status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(room.kernel().traces().errors(100)).isEmpty();
    }

    @Test
    void afterTheAllowedFixRoundsTheTaskEscalatesToAPersonOnce() throws Exception {
        startTestAgent(TestSettings.defaults());
        startCodingAgent(false);

        room.createTask("t-stuck", TestAgent.CAPABILITY, input());
        // the room retries a failed task; the retries find the fixes used up and do not alert again
        TaskView t = room.awaitTask("t-stuck", v -> v.status() == TaskStatus.FAILED);

        assertThat(t.detail()).contains("escalated to a person: 2 fix round(s) did not make them pass")
                .contains("2 tests: 1 passed, 1 failed");
        assertThat(fixTasks).extracting(TaskSpec::taskId).containsExactly("t-stuck.fix-1", "t-stuck.fix-2");
        List<StoredError> alerts = room.kernel().traces().errors(100);
        assertThat(alerts).singleElement().satisfies(e -> {
            assertThat(e.agentId()).isEqualTo("tester-1");
            assertThat(e.report().code()).isEqualTo(TestAgent.ESCALATED);
            assertThat(e.report().message()).startsWith("Task t-stuck: the tests of fib fail and need a person")
                    .contains("FibTest.zero: expected 0 but was 1");
            assertThat(e.report().refMessageId()).isNotNull();
        });
    }

    @Test
    void aRunThatOutrunsItsTimeoutIsStoppedAndSaidToHaveTimedOut() throws Exception {
        startTestAgent(TestSettings.defaults());

        ObjectNode in = input().put("command", "echo starting; sleep 30").put("timeout_seconds", 1)
                .put("max_fix_rounds", 0);
        room.createTask("t-slow", TestAgent.CAPABILITY, in);
        TaskView t = room.awaitTask("t-slow", v -> v.attempts() >= 1);

        assertThat(t.detail()).contains("escalated to a person: no fix rounds are allowed")
                .contains("timed out after 1.").contains("the process and its children were stopped");
    }

    @Test
    void withoutReportsTheSummaryThePrinterPrintedCounts() throws Exception {
        startTestAgent(TestSettings.defaults().withCommand("fib",
                "echo 'FAILED tests/test_fib.py::test_zero - assert 1 == 0'; echo '==== 1 failed, 3 passed in 0.20s ===='; exit 1"));

        ObjectNode in = input().put("max_fix_rounds", 0);
        in.remove("command");
        room.createTask("t-pytest", TestAgent.CAPABILITY, in);
        TaskView t = room.awaitTask("t-pytest", v -> v.attempts() >= 1);

        assertThat(t.detail()).contains("4 tests: 3 passed, 1 failed (pytest)");
        assertThat(room.kernel().traces().errors(100)).singleElement()
                .satisfies(e -> assertThat(e.report().message()).contains("- tests/test_fib.py::test_zero: assert 1 == 0"));
    }

    @Test
    void aTaskWithoutAWorktreeOrACommandFailsWithWhatIsMissing() throws Exception {
        startTestAgent(TestSettings.defaults().withFixes(0, Duration.ofSeconds(1), Duration.ofMillis(50)));

        room.createTask("t-nowhere", TestAgent.CAPABILITY, JsonNodeFactory.instance.objectNode().put("command", "true"));
        ObjectNode noCommand = input();
        noCommand.remove("command");
        room.createTask("t-nocommand", TestAgent.CAPABILITY, noCommand);

        assertThat(room.awaitTask("t-nowhere", v -> v.attempts() >= 1).detail()).contains("names no worktree");
        assertThat(room.awaitTask("t-nocommand", v -> v.attempts() >= 1).detail())
                .contains("no test command for repository 'fib'");
    }
}
