package org.symbi.agents.flow;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.agents.deploy.DeployAgent;
import org.symbi.agents.deploy.DeploySettings;
import org.symbi.agents.deploy.Environment;
import org.symbi.agents.docs.DocsAgent;
import org.symbi.agents.git.GitAgent;
import org.symbi.agents.llm.TaskBudget;
import org.symbi.agents.review.ReviewAgent;
import org.symbi.agents.git.RoomTaskResults;
import org.symbi.agents.git.GitAgentConfig;
import org.symbi.agents.liveroom.LiveAgentRoom;
import org.symbi.agents.planner.PlannerAgent;
import org.symbi.agents.testing.RoomTasks;
import org.symbi.agents.testing.TestAgent;
import org.symbi.agents.testing.TestSettings;
import org.symbi.governance.ApprovalRequest;
import org.symbi.governance.Verdict;
import org.symbi.governance.Warrant;
import org.symbi.kernel.Kernel;
import org.symbi.kernel.request.RequestStatus;
import org.symbi.kernel.request.RequestTarget;
import org.symbi.kernel.request.RequestView;
import org.symbi.kernel.request.WorkflowDraft;
import org.symbi.kernel.task.TaskView;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A release request end to end without a model: the rules plan it, the room wires it (the version becomes
 * the tag, staging deploys its configured artifact), the confirmed plan's phase warrants cover the tag's push
 * (which still waits for one approval) and the deploy, and the tag reaches the remote before staging runs it.
 */
class ReleaseFlowTest {
    private static final String REQUEST = "Release 1.4.0 to staging";

    @TempDir
    Path tmp;
    private LiveAgentRoom room;

    @AfterEach
    void close() {
        if (room != null) {
            room.close();
        }
    }

    @Test
    void aReleaseIsTestedItsNotesMergedThenTaggedPushedOnceApprovedAndDeployedToStaging() throws Exception {
        Path remote = tmp.resolve("shop.git");
        Path repo = repository(remote);
        Path site = Files.createDirectories(tmp.resolve("site"));
        startTeam(site);
        Kernel kernel = room.kernel();

        RequestView r = kernel.requests().submit(REQUEST, RequestTarget.of(repo, "echo '3 passed'"), "local");
        RequestView planned = await(r.requestId(), s -> s == RequestStatus.AWAITING_CONFIRMATION);
        WorkflowDraft draft = planned.draft();
        assertThat(draft.tasks()).extracting(WorkflowDraft.DraftTask::taskId)
                .containsExactly("branch", "run-tests", "release-notes", "review", "merge", "tag", "deploy-staging");
        JsonNode tagInput = draft.tasks().get(5).input();
        assertThat(tagInput.path("tag").asText()).isEqualTo("v1.4.0");
        assertThat(tagInput.path("ref").asText()).isEqualTo("main");

        kernel.requests().confirm(r.requestId(), Kernel.LOCAL_APPROVER);
        // the release notes reach main first, reviewed and merged under one approval
        ApprovalRequest merge = awaitApproval(kernel);
        assertThat(merge.kind()).isEqualTo("git.merge");
        kernel.governance().approvals().decideLocally(merge.id(), Kernel.LOCAL_APPROVER, Verdict.APPROVE, "notes read");
        LiveAgentRoom.await(() -> kernel.governance().approvals().pending().stream()
                .anyMatch(a -> a.kind().equals("git.push")));
        ApprovalRequest push = awaitApproval(kernel);
        assertThat(push.kind()).isEqualTo("git.push");
        assertThat(push.canonicalAction()).contains("\"branch\":\"refs/tags/v1.4.0\"", "\"source\":\"v1.4.0\"");
        assertThat(site.resolve("live")).doesNotExist();
        kernel.governance().approvals().decideLocally(push.id(), Kernel.LOCAL_APPROVER, Verdict.APPROVE,
                "release 1.4.0 approved");

        RequestView done = await(r.requestId(), s -> !s.open());
        assertThat(done.status()).as(done.detail()).isEqualTo(RequestStatus.COMPLETED);
        TaskView tag = kernel.tasks().find(r.workflowId() + ".tag").orElseThrow();
        assertThat(tag.result().path("pushed").asBoolean()).isTrue();
        // pushed under the confirmed plan's phase warrant, after the one approval the policy asks
        assertThat(kernel.governance().endedWarrants(20)).filteredOn(w -> r.workflowId().equals(w.planId()))
                .extracting(Warrant::id).contains(tag.result().path("warrant").asText());
        assertThat(done.report().path("summary").asText()).startsWith("Completed all 7 tasks")
                .contains("tests passed", "tagged main as v1.4.0 at ", ", pushed", "deployed to staging");
        try (Git git = Git.open(remote.toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            Ref ref = git.getRepository().exactRef("refs/tags/v1.4.0");
            RevTag pushed = walk.parseTag(ref.getObjectId());
            assertThat(pushed.getObject()).isEqualTo(git.getRepository().resolve("main"));
            assertThat(pushed.getFullMessage()).isEqualTo("Release v1.4.0");
            // the tagged commit carries the release notes
            assertThat(new String(git.getRepository().open(git.getRepository().resolve("v1.4.0^{commit}:CHANGELOG.md"))
                    .getBytes(), java.nio.charset.StandardCharsets.UTF_8)).contains("- Price list");
        }
        TaskView deployed = kernel.tasks().find(r.workflowId() + ".deploy-staging").orElseThrow();
        assertThat(deployed.result().path("artifact").asText()).isEqualTo(repo.resolve("dist/app.txt").toString());
        assertThat(Files.readString(site.resolve("live/staging.txt"))).isEqualTo("shop 1.4.0 healthy\n");
    }

    /** The agents a release needs, each connected through the SDK as in production. */
    private void startTeam(Path site) throws Exception {
        room = new LiveAgentRoom(tmp.resolve("room"));
        PlannerAgent planner = PlannerAgent.configured(Optional.empty(), Map.of());
        room.connect(planner.card("planner-1"), planner);
        String gitToken = room.token(GitAgent.card("git-1"));
        room.connect(GitAgent.card("git-1"), gitToken, new GitAgent(GitAgentConfig.in(tmp.resolve("workspace"))
                .withTaskResults(new RoomTaskResults(room.httpUri(), () -> gitToken))));
        ReviewAgent reviewer = new ReviewAgent(Optional.empty(), TaskBudget.defaults());
        room.connect(reviewer.card("reviewer-1"), reviewer);
        String testToken = room.token(TestAgent.card("tester-1"));
        room.connect(TestAgent.card("tester-1"), testToken, new TestAgent(TestSettings.defaults(),
                new RoomTasks(HttpClient.newHttpClient(), room.uri(), testToken)));
        room.connect(DocsAgent.card("docs-1"), new DocsAgent());
        Environment staging = Environment.of("staging", "mkdir -p live && cp \"$SYMBI_ARTIFACT\" live/staging.txt",
                "grep -q healthy live/staging.txt").withHealthTries(2, Duration.ofMillis(20)).withArtifact("dist/app.txt");
        room.connect(DeployAgent.card("deployer-1"), new DeployAgent(DeploySettings.of(List.of(staging),
                site.resolve("releases.json"), site), HttpClient.newHttpClient()));
    }

    /** A project with its built artifact and a bare repository as its remote. */
    private Path repository(Path remote) throws Exception {
        Path repo = tmp.resolve("shop");
        Git.init().setBare(true).setInitialBranch("main").setDirectory(remote.toFile()).call().close();
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.writeString(repo.resolve("README.md"), "# shop\n");
            Files.writeString(repo.resolve("CHANGELOG.md"), "# Changelog\n\n## Unreleased\n");
            Files.createDirectories(repo.resolve("dist"));
            Files.writeString(repo.resolve("dist/app.txt"), "shop 1.4.0 healthy\n");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("feat: price list").setAuthor("Ada", "ada@example.org")
                    .setCommitter("Ada", "ada@example.org").setSign(false).call();
            git.remoteAdd().setName("origin").setUri(new URIish(remote.toUri().toString())).call();
            git.push().setRemote("origin").add("main").call();
        }
        return repo;
    }

    private RequestView await(String requestId, java.util.function.Predicate<RequestStatus> wanted) throws Exception {
        LiveAgentRoom.await(() -> wanted.test(room.kernel().requests().find(requestId).orElseThrow().status()));
        return room.kernel().requests().find(requestId).orElseThrow();
    }

    private ApprovalRequest awaitApproval(Kernel kernel) throws Exception {
        LiveAgentRoom.await(() -> !kernel.governance().approvals().pending().isEmpty());
        return kernel.governance().approvals().pending().getFirst();
    }
}
