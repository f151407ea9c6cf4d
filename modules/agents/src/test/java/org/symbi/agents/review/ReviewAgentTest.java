package org.symbi.agents.review;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.agents.diff.TempRepo;
import org.symbi.agents.llm.TaskBudget;
import org.symbi.kernel.task.TaskView;
import org.symbi.protocol.TaskSpec;
import org.symbi.protocol.TaskStatus;
import org.symbi.protocol.TraceKind;
import org.symbi.sdk.AgentClient;
import org.symbi.sdk.Eventually;
import org.symbi.sdk.LiveRoom;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The review agent in a real room, without a model: static checks on a repository's commits. */
class ReviewAgentTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;
    private LiveRoom room;
    private AgentClient agent;

    @BeforeEach
    void open() throws Exception {
        room = new LiveRoom(tmp.resolve("room"));
        ReviewAgent reviewer = new ReviewAgent(Optional.empty(), TaskBudget.defaults());
        agent = AgentClient.connect(room.uri(), room.token("reviewer-1", "review"), reviewer.card("reviewer-1"),
                reviewer);
        room.awaitOnline("reviewer-1", WAIT);
    }

    @AfterEach
    void close() {
        agent.close();
        room.close();
    }

    @Test
    void theCommitsSinceTheBaseAreReviewedAndASecretFailsThem() throws Exception {
        try (TempRepo repo = TempRepo.init(tmp.resolve("repo"))) {
            String base = repo.write("README.md", "# Fib\n").commit("start");
            repo.write("src/fib.py", "TOKEN = \"ghp_" + "a".repeat(36) + "\"\ndef fib(n):\n    return n\n")
                    .write("tests/test_fib.py", "def test_fib():\n    assert True\n")
                    .commit("fib");

            TaskView done = room.runTask("review-1", "review", JsonNodeFactory.instance.objectNode()
                    .put("worktree", repo.dir().toString()).put("base", base), WAIT);

            assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(done.result().path("verdict").asText()).isEqualTo("fail");
            assertThat(done.result().path("reviewer").asText()).isEqualTo("static");
            assertThat(done.result().path("files").asInt()).isEqualTo(2);
            assertThat(done.result().path("findings")).singleElement().satisfies(f -> {
                assertThat(f.path("category").asText()).isEqualTo("security");
                assertThat(f.path("file").asText()).isEqualTo("src/fib.py");
                assertThat(f.path("line").asInt()).isEqualTo(1);
            });
            assertThat(room.kernel().traces().forTask("review-1")).extracting(t -> t.step().kind())
                    .containsExactly(TraceKind.TOOL_CALL, TraceKind.OBSERVATION, TraceKind.DECISION);
        }
    }

    @Test
    void aTaskWithoutAChangeFailsWithTheReason() throws Exception {
        room.kernel().tasks().create(new TaskSpec("review-2", null, "Review", null,
                List.of("review"), null, null, null, null, null, null, JsonNodeFactory.instance.objectNode()));

        Eventually.await(WAIT, () -> room.kernel().tasks().find("review-2").orElseThrow().detail()
                .startsWith("failed on reviewer-1"));
        assertThat(room.kernel().tasks().find("review-2").orElseThrow().detail())
                .contains("no change to review: the task input needs \"diff\"");
    }
}
