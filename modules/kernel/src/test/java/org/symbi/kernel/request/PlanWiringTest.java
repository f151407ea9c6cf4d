package org.symbi.kernel.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.symbi.governance.WarrantScope;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlanWiringTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RequestTarget TARGET = new RequestTarget(Path.of("/home/ada/src/fib"), null, "main", "./test.sh", null);
    private static final String REQUEST = "Add a function that returns the n-th Fibonacci number, with tests";

    @Test
    void theRulesFeaturePlanGetsItsGitStepsWiredAndOneCommitBeforeTheReview() throws Exception {
        WorkflowDraft d = PlanWiring.wire("req-1", REQUEST, TARGET, plan("""
                {"planner":"rules","basis":"new feature","tasks":[
                 {"task_id":"branch","title":"Create a branch for the work","capabilities":["git"],"depends_on":[]},
                 {"task_id":"implement","title":"Implement the feature","capabilities":["code"],"depends_on":["branch"]},
                 {"task_id":"write-tests","title":"Write tests","capabilities":["code"],"depends_on":["branch"]},
                 {"task_id":"run-tests","title":"Run the tests","capabilities":["test"],"depends_on":["implement","write-tests"]},
                 {"task_id":"review","title":"Review the change","capabilities":["review"],"depends_on":["run-tests"]},
                 {"task_id":"changelog","title":"Update the changelog","capabilities":["docs"],"depends_on":["review"]},
                 {"task_id":"merge","title":"Merge the branch","capabilities":["git"],"depends_on":["changelog"]}]}"""));
        Map<String, WorkflowDraft.DraftTask> t = byId(d);

        assertThat(d.branch()).isEqualTo("feature/req-1-add-a-function-that-returns-the-n-th");
        assertThat(d.tasks()).extracting(WorkflowDraft.DraftTask::taskId).containsExactly("branch", "implement",
                "write-tests", "run-tests", "commit", "review", "changelog", "merge");
        assertThat(t.get("branch").input().path("op").asText()).isEqualTo("branch");
        assertThat(t.get("branch").input().path("branch").asText()).isEqualTo(d.branch());
        // two writers of one working tree take turns
        assertThat(t.get("write-tests").dependsOn()).containsExactly("branch", "implement");
        assertThat(t.get("commit").dependsOn()).containsExactly("run-tests");
        assertThat(t.get("commit").addedBy()).contains("stages");
        assertThat(t.get("commit").input().path("message").asText()).isEqualTo(REQUEST);
        assertThat(t.get("review").dependsOn()).containsExactly("commit");
        assertThat(t.get("review").input().path("base").asText()).isEqualTo("main");
        assertThat(t.get("run-tests").input().path("command").asText()).isEqualTo("./test.sh");
        assertThat(t.get("run-tests").input().path("repository").asText()).isEqualTo("fib");
        JsonNode merge = t.get("merge").input();
        assertThat(merge.path("op").asText()).isEqualTo("merge");
        assertThat(merge.path("source").asText()).isEqualTo(d.branch());
        assertThat(merge.path("target").asText()).isEqualTo("main");
        assertThat(merge.path("review_task").asText()).isEqualTo("req-1.review");
        assertThat(t.get("implement").input().path("worktree").asText()).isEqualTo(Path.of("/home/ada/src/fib").toString());
    }

    @Test
    void aPlanThatChangesFilesWithoutABranchGetsOneFirst() throws Exception {
        WorkflowDraft d = PlanWiring.wire("req-2", "Build a CLI", TARGET, plan("""
                {"planner":"llm","basis":"gpt-4o-mini","tasks":[
                 {"task_id":"architecture","title":"Architecture","capabilities":["plan"],"depends_on":[]},
                 {"task_id":"implementation","title":"Implementation","capabilities":["code"],"depends_on":["architecture"]},
                 {"task_id":"documentation","title":"Documentation","capabilities":["docs"],"depends_on":["implementation"]}]}"""));
        Map<String, WorkflowDraft.DraftTask> t = byId(d);

        assertThat(d.tasks().getFirst().taskId()).isEqualTo("branch");
        assertThat(d.tasks().getFirst().addedBy()).contains("never on main");
        assertThat(t.get("architecture").dependsOn()).containsExactly("branch");
        assertThat(t.get("documentation").dependsOn()).containsExactly("commit");
        // the changelog describes this plan's own commits, counted from the base
        assertThat(t.get("documentation").input().path("base").asText()).isEqualTo("main");
        assertThat(t.get("commit").dependsOn()).containsExactly("implementation");
        assertThat(d.planner()).isEqualTo("llm");
    }

    /** The rules' plan of a release (RulePlanner's RELEASE case): tests and notes, a tag, the deploys. */
    private static JsonNode releasePlan(boolean production) throws Exception {
        return plan("""
                {"planner":"rules","basis":"release and deployment","tasks":[
                 {"task_id":"run-tests","title":"Run the full test suite","capabilities":["test"],"depends_on":[]},
                 {"task_id":"release-notes","title":"Write the release notes","capabilities":["docs"],"depends_on":[]},
                 {"task_id":"tag","title":"Tag the release","capabilities":["git"],"depends_on":["run-tests","release-notes"]},
                 {"task_id":"deploy-staging","title":"Deploy to staging","capabilities":["deploy"],"depends_on":["tag"]}"""
                + (production ? """
                 ,{"task_id":"deploy-production","title":"Deploy to production","capabilities":["deploy"],
                   "depends_on":["deploy-staging"]}""" : "") + "]}");
    }

    @Test
    void aReleaseTagsTheBaseWithTheRequestsVersionAndDeploysWhatEachEnvironmentDeploys() throws Exception {
        String request = "Release 1.4.0 to staging";
        WorkflowDraft d = PlanWiring.wire("req-3", request, TARGET, releasePlan(false));
        Map<String, WorkflowDraft.DraftTask> t = byId(d);

        // the release notes change files: they are written on a branch, reviewed and merged before main is tagged
        assertThat(d.tasks()).extracting(WorkflowDraft.DraftTask::taskId).containsExactly("branch", "run-tests",
                "release-notes", "review", "merge", "tag", "deploy-staging");
        assertThat(t.get("review").dependsOn()).containsExactly("run-tests", "release-notes");
        assertThat(t.get("review").addedBy()).contains("reviewed");
        assertThat(t.get("merge").dependsOn()).containsExactly("review");
        assertThat(t.get("merge").input().path("review_task").asText()).isEqualTo("req-3.review");
        assertThat(t.get("merge").addedBy()).contains("merged there first");
        assertThat(t.get("tag").dependsOn()).containsExactly("merge");
        // release notes count from the last release, not from main
        assertThat(t.get("release-notes").input().has("base")).isFalse();
        JsonNode tag = t.get("tag").input();
        assertThat(tag.path("op").asText()).isEqualTo("tag");
        assertThat(tag.path("tag").asText()).isEqualTo("v1.4.0");
        assertThat(tag.path("ref").asText()).isEqualTo("main");
        assertThat(tag.path("repository").asText()).isEqualTo(Path.of("/home/ada/src/fib").toString());
        assertThat(tag.path("name").asText()).isEqualTo("fib");
        JsonNode deploy = t.get("deploy-staging").input();
        assertThat(deploy.path("environment").asText()).isEqualTo("staging");
        // no artifact named: the deployment agent deploys the environment's own, from the working tree
        assertThat(deploy.has("artifact")).isFalse();
        assertThat(deploy.path("worktree").asText()).isEqualTo(Path.of("/home/ada/src/fib").toString());

        // the phase warrants cover the tag's push and the plan's deploys
        WarrantScope git = Requests.phaseScope(PlanWiring.GIT, "fib", d);
        assertThat(git.kinds()).containsExactly("git.push", "git.merge");
        assertThat(git.repositories()).containsExactly("fib");
        assertThat(git.branches()).containsExactly(d.branch(), "main", "refs/tags/v1.4.0");
        WarrantScope deploys = Requests.phaseScope(PlanWiring.DEPLOY, "fib",
                PlanWiring.wire("req-4", "Release 1.4.0 to production", TARGET, releasePlan(true)));
        assertThat(deploys.kinds()).containsExactly("deploy");
        assertThat(deploys.repositories()).isEmpty();
        assertThat(deploys.environments()).containsExactly("staging", "production");
    }

    @Test
    void aReleaseThatNamesNoVersionLeavesTheTagToAsk() throws Exception {
        WorkflowDraft d = PlanWiring.wire("req-5", "Release the current main", TARGET, releasePlan(false));

        JsonNode tag = byId(d).get("tag").input();
        assertThat(tag.path("op").asText()).isEqualTo("tag");
        assertThat(tag.has("tag")).isFalse();
        assertThat(Requests.phaseScope(PlanWiring.GIT, "fib", d).branches()).containsExactly(d.branch(), "main");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "Release 1.4.0 to staging            | v1.4.0",
            "Ship v2.1 to production.            | v2.1",
            "Release V3.0.0-rc.1.                | v3.0.0-rc.1",
            "release 2.0.0-beta.2 please         | v2.0.0-beta.2",
            "Deploy the python3.12 build 2.0.1   | v2.0.1",
            "Release the current main            | -"})
    void theVersionIsTheRequestsFirstWithALeadingV(String request, String version) {
        assertThat(PlanWiring.version(request)).isEqualTo(Optional.ofNullable(version));
    }

    @Test
    void docsWithNoCodeChangeBeforeThemWriteUpWhatHappenedSinceTheLastRelease() throws Exception {
        WorkflowDraft d = PlanWiring.wire("req-6", "Update the changelog", TARGET, plan("""
                {"planner":"rules","basis":"documentation change","tasks":[
                 {"task_id":"branch","title":"Create a branch","capabilities":["git"],"depends_on":[]},
                 {"task_id":"write-docs","title":"Write the documentation","capabilities":["docs"],"depends_on":["branch"]},
                 {"task_id":"review","title":"Review the documentation","capabilities":["review"],"depends_on":["write-docs"]},
                 {"task_id":"merge","title":"Merge","capabilities":["git"],"depends_on":["review"]}]}"""));

        assertThat(byId(d).get("write-docs").input().has("base")).isFalse();
        assertThat(byId(d).get("review").input().path("base").asText()).isEqualTo("main");
    }

    @Test
    void malformedPlansAreRefusedWithTheReason() {
        assertThatThrownBy(() -> PlanWiring.wire("r", "x", TARGET, plan("{\"tasks\":[]}")))
                .hasMessageContaining("no tasks");
        assertThatThrownBy(() -> PlanWiring.wire("r", "x", TARGET, plan("""
                {"tasks":[{"task_id":"a","title":"A","capabilities":["code"],"depends_on":["b"]},
                          {"task_id":"b","title":"B","capabilities":["code"],"depends_on":["a"]}]}""")))
                .hasMessageContaining("cycle");
        assertThatThrownBy(() -> PlanWiring.wire("r", "x", TARGET, plan("""
                {"tasks":[{"task_id":"a","title":"A","capabilities":["code"],"depends_on":["nowhere"]}]}""")))
                .hasMessageContaining("nowhere");
        assertThatThrownBy(() -> PlanWiring.wire("r", "x", TARGET, plan("""
                {"tasks":[{"task_id":"A B","title":"A","capabilities":["code"],"depends_on":[]}]}""")))
                .hasMessageContaining("unusable id");
    }

    private static Map<String, WorkflowDraft.DraftTask> byId(WorkflowDraft d) {
        return d.tasks().stream().collect(Collectors.toMap(WorkflowDraft.DraftTask::taskId, Function.identity()));
    }

    private static JsonNode plan(String json) throws Exception {
        return JSON.readTree(json);
    }
}
