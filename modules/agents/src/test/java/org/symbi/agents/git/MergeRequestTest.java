package org.symbi.agents.git;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.kernel.task.TaskView;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.TaskStatus;
import org.symbi.sdk.AgentClient;
import org.symbi.sdk.LiveRoom;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A repository whose rules turn auto-merge off, with the review coming from a review task's result (read
 * through the room's REST API): the merge task checks everything and hands the merge request to a person.
 */
class MergeRequestTest {
    private static final String FEATURE = "feature/fib";

    @TempDir
    Path tmp;
    private GitRepos repos;
    private GitAgentRoom room;
    private AgentClient reviewer;

    @BeforeEach
    void start() throws Exception {
        repos = new GitRepos(tmp);
        RepositoryRules manual = RepositoryRules.fromJson(JsonNodeFactory.instance.objectNode()
                .put("name", "project").put("autoMerge", false));
        room = new GitAgentRoom(tmp.resolve("room"), live -> GitAgentConfig.in(tmp.resolve("workspace"))
                .withRules(manual)
                .withTaskResults(new RoomTaskResults(live.httpUri(), () -> live.token(GitAgentRoom.AGENT, "git"))));
        LiveRoom live = room.room;
        // a reviewer that passes the commit its task names
        reviewer = AgentClient.connect(live.uri(), live.token("reviewer-1", "review"),
                AgentCard.of("reviewer-1", "review", List.of("review")), (client, task, request) ->
                        client.completeTask(task, JsonNodeFactory.instance.objectNode().put("verdict", "pass")
                                .put("commit", task.input().get("commit").asText())));
        live.awaitOnline("reviewer-1", GitAgentRoom.WAIT);
        room.run("t-branch", GitAgentRoom.input("branch", repos.work).put("branch", FEATURE));
        repos.write("Fib.java", "class Fib {}\n");
    }

    @AfterEach
    void stop() {
        reviewer.close();
        room.close();
    }

    private String commit(String taskId, String message) throws InterruptedException {
        TaskView c = room.run(taskId, GitAgentRoom.input("commit", repos.work).put("message", message));
        assertThat(c.status()).as(c.detail()).isEqualTo(TaskStatus.COMPLETED);
        return c.result().get("commit").asText();
    }

    private void review(String taskId, String commit) throws InterruptedException {
        TaskView review = room.room.runTask(taskId, "review", JsonNodeFactory.instance.objectNode()
                .put("commit", commit), GitAgentRoom.WAIT);
        assertThat(review.status()).isEqualTo(TaskStatus.COMPLETED);
    }

    private ObjectNode mergeOn(String reviewTask) {
        return GitAgentRoom.input("merge", repos.work).put("source", FEATURE).put("review_task", reviewTask);
    }

    @Test
    void withAutoMergeOffTheMergeRequestIsLeftForAPerson() throws Exception {
        String commit = commit("t-commit", "Add Fib");
        review("t-review", commit);

        TaskView merge = room.run("t-merge", mergeOn("t-review"));

        assertThat(merge.status()).as(merge.detail()).isEqualTo(TaskStatus.COMPLETED);
        JsonNode result = merge.result();
        assertThat(result.get("merged").asBoolean()).isFalse();
        assertThat(result.get("reason").asText()).isEqualTo("auto-merge is off for project: a person merges");
        JsonNode request = result.get("merge_request");
        assertThat(request.get("source_commit").asText()).isEqualTo(commit);
        assertThat(request.get("target").asText()).isEqualTo("main");
        assertThat(request.get("fast_forward").asBoolean()).isTrue();
        assertThat(request.get("review").get("from").asText()).isEqualTo("review task t-review");
        assertThat(request.get("review").get("passed").asBoolean()).isTrue();
        assertThat(repos.remoteHead("main")).isNotEqualTo(repos.workHead(FEATURE));
        assertThat(room.kernel().governance().approvals().pending()).isEmpty();
    }

    @Test
    void aReviewOfAnEarlierCommitDoesNotCoverTheBranch() throws Exception {
        String reviewed = commit("t-commit", "Add Fib");
        review("t-review", reviewed);
        repos.write("Fib.java", "class Fib { /* changed after the review */ }\n");
        String head = commit("t-commit-2", "Change Fib");

        String why = room.firstFailure("t-merge", mergeOn("t-review"));

        assertThat(why).contains("review task t-review passed " + reviewed + " but " + FEATURE + " is at " + head);
    }

    @Test
    void aReviewTaskTheRoomDoesNotKnowIsNamedInTheFailure() throws Exception {
        commit("t-commit", "Add Fib");

        String why = room.firstFailure("t-merge", mergeOn("t-nowhere"));

        assertThat(why).contains("cannot read the verdict of review task t-nowhere: the room has no task t-nowhere");
    }
}
