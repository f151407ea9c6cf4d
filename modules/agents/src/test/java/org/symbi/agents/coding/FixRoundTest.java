package org.symbi.agents.coding;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.agents.diff.TempRepo;
import org.symbi.agents.liveroom.LiveAgentRoom;
import org.symbi.agents.llm.LlmClient;
import org.symbi.agents.llm.ScriptedOpenAiServer;
import org.symbi.agents.llm.TaskBudget;
import org.symbi.agents.testing.RoomTasks;
import org.symbi.agents.testing.TestAgent;
import org.symbi.agents.testing.TestSettings;
import org.symbi.kernel.task.TaskView;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.TaskStatus;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test agent and the coding agent in a real room, on a repository whose tests fail: the failures go to
 * the coding agent as a fix task, its model (a scripted server) is told them and answers with the edit that
 * fixes the code, and the tests pass on the next run.
 */
class FixRoundTest {
    private static final String BROKEN_FIB = """
            a=0; b=1; i=0
            while [ "$i" -lt "$1" ]; do t=$((a + b)); a=$b; b=$t; i=$((i + 1)); done
            echo "$b"
            """;
    private static final String FIXED_FIB = BROKEN_FIB.replace("echo \"$b\"", "echo \"$a\"");
    /** Writes a JUnit report of two checks of fib.sh and fails when either does. */
    private static final String RUN_TESTS = """
            check() {
              got=$(sh fib.sh "$2")
              if [ "$got" = "$3" ]; then
                echo "  <testcase classname=\\"FibTest\\" name=\\"$1\\"/>"
              else
                echo "  <testcase classname=\\"FibTest\\" name=\\"$1\\"><failure message=\\"fib($2) should be $3 but was $got\\">at fib.sh</failure></testcase>"
              fi
            }
            mkdir -p target/surefire-reports
            { echo '<testsuite name="FibTest">'; check zero 0 0; check ten 10 55; echo '</testsuite>'; } \\
              > target/surefire-reports/TEST-FibTest.xml
            if grep -q '<failure' target/surefire-reports/TEST-FibTest.xml; then
              echo "There are test failures."
              exit 1
            fi
            echo "All tests pass."
            """;

    @TempDir
    Path tmp;
    private LiveAgentRoom room;
    private ScriptedOpenAiServer server;
    private TempRepo repo;

    @BeforeEach
    void open() throws Exception {
        room = new LiveAgentRoom(tmp);
        server = ScriptedOpenAiServer.start();
        repo = TempRepo.init(tmp.resolve("fib"));
        repo.write(".gitignore", "target/\n").write("fib.sh", BROKEN_FIB).write("run-tests.sh", RUN_TESTS)
                .commit("fib, with a bug");
    }

    @AfterEach
    void close() {
        room.close();
        repo.close();
        server.close();
    }

    @Test
    void failingTestsAreFixedByTheCodingAgentWithWhatTheTestAgentFound() throws Exception {
        server.reply(new Edits("fib.sh prints a, the n-th number, not the one after it.")
                .write("fib.sh", FIXED_FIB).toString());
        CodingAgent coding = new CodingAgent(Optional.of(LlmClient.open(server.config("gpt-4o-mini"),
                server.environment())), TaskBudget.defaults(), Optional.empty());
        room.connect(coding.card("coder-1"), coding);
        AgentCard tester = TestAgent.card("tester-1");
        String token = room.token(tester);
        room.connect(tester, token, new TestAgent(TestSettings.defaults().withFixes(1, Duration.ofSeconds(30),
                Duration.ofMillis(50)), new RoomTasks(HttpClient.newHttpClient(), room.uri(), token)));

        room.createTask("t-fib", TestAgent.CAPABILITY, JsonNodeFactory.instance.objectNode()
                .put("worktree", repo.dir().toString()).put("command", "sh run-tests.sh"));
        TaskView tested = room.awaitTask("t-fib",
                t -> t.status() == TaskStatus.COMPLETED || t.status() == TaskStatus.FAILED);

        assertThat(tested.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(tested.result().path("fix_rounds").asInt()).isEqualTo(1);
        assertThat(repo.read("fib.sh")).isEqualTo(FIXED_FIB);
        assertThat(server.requests()).singleElement().satisfies(r -> assertThat(r.lastMessage())
                .contains("The tests fail when `sh run-tests.sh` runs in the working tree.")
                .contains("- FibTest.zero: fib(0) should be 0 but was 1\n    at fib.sh")
                .contains("- FibTest.ten: fib(10) should be 55 but was 89")
                .contains("The end of the test output:\nThere are test failures."));
        TaskView fix = room.kernel().tasks().find("t-fib.fix-1").orElseThrow();
        assertThat(fix.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(fix.assignedAgent()).isEqualTo("coder-1");
        assertThat(room.kernel().traces().forTask("t-fib.fix-1")).anySatisfy(t -> assertThat(t.step().content())
                .isEqualTo("Fix round 1 for task t-fib: 2 failing tests of `sh run-tests.sh`."));
    }
}
