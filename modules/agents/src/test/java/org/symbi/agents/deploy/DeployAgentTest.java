package org.symbi.agents.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.agents.liveroom.LiveAgentRoom;
import org.symbi.governance.ApprovalRequest;
import org.symbi.governance.ApprovalService;
import org.symbi.governance.Quorum;
import org.symbi.governance.Verdict;
import org.symbi.governance.WarrantScope;
import org.symbi.governance.WarrantTerms;
import org.symbi.kernel.Kernel;
import org.symbi.kernel.KernelConfig;
import org.symbi.kernel.task.TaskView;
import org.symbi.ledger.LedgerEntry;
import org.symbi.protocol.TaskStatus;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment agent in a real room. Environments are shell commands over a directory: a deploy copies
 * the artifact to {@code live/ENV.txt} and logs it; the health check looks for the word "healthy" in it.
 * A release manager besides the room's local approver (a maintainer) makes the two approvals the default
 * policy asks of production deploys possible.
 */
class DeployAgentTest {
    private static final String DEPLOY = "mkdir -p live && cp \"$SYMBI_ARTIFACT\" live/$SYMBI_ENVIRONMENT.txt"
            + " && echo \"$SYMBI_ENVIRONMENT $SYMBI_ARTIFACT\" >> deploys.log";
    private static final String HEALTHY = "grep -q healthy live/$SYMBI_ENVIRONMENT.txt";
    private static final String RELEASE_MANAGER = "rm-1";

    @TempDir
    Path tmp;
    private Path site;
    private Path good;
    private Path broken;
    private LiveAgentRoom room;
    private KeyPair releaseManagerKey;

    @BeforeEach
    void start() throws Exception {
        start(KernelConfig.defaults());
    }

    private void start(KernelConfig config) throws Exception {
        releaseManagerKey = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        room = new LiveAgentRoom(tmp.resolve("r-" + System.nanoTime()), people -> people.register(RELEASE_MANAGER,
                "Rita", Set.of("release-managers"), releaseManagerKey.getPublic()), config);
        site = Files.createDirectories(tmp.resolve("site"));
        good = Files.writeString(Files.createDirectories(tmp.resolve("build")).resolve("app-1.txt"), "v1 healthy");
        broken = Files.writeString(tmp.resolve("build/app-2.txt"), "v2 broken");
        List<Environment> environments = List.of(
                Environment.of("dev", DEPLOY, HEALTHY).withHealthTries(2, Duration.ofMillis(20)),
                Environment.of("staging", DEPLOY, HEALTHY).withHealthTries(2, Duration.ofMillis(20))
                        .withArtifact("build/app-1.txt"),
                Environment.of("production", DEPLOY, HEALTHY).withHealthTries(2, Duration.ofMillis(20)));
        DeployAgent agent = new DeployAgent(DeploySettings.of(environments, site.resolve("releases.json"), site),
                HttpClient.newHttpClient());
        room.connect(DeployAgent.card("deployer-1"), agent);
    }

    @AfterEach
    void close() {
        room.close();
    }

    private void deploy(String taskId, String environment, Path artifact) {
        room.createTask(taskId, DeployAgent.CAPABILITY, JsonNodeFactory.instance.objectNode()
                .put("environment", environment).put("artifact", artifact.toString()));
    }

    private TaskView completed(String taskId) throws InterruptedException {
        return room.awaitTask(taskId, t -> t.status() == TaskStatus.COMPLETED);
    }

    /** The first attempt's failure; the task is then cancelled, so the room's retry does not run it again. */
    private TaskView firstFailure(String taskId) throws InterruptedException {
        TaskView t = room.awaitTask(taskId, v -> v.attempts() >= 1);
        room.kernel().tasks().cancel(taskId);
        return t;
    }

    private JsonNode releases() throws Exception {
        return new ObjectMapper().readTree(site.resolve("releases.json").toFile());
    }

    private List<String> deploys() throws Exception {
        Path log = site.resolve("deploys.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Test
    void aDevDeployPutsTheArtifactLiveAndRecordsTheRelease() throws Exception {
        deploy("dep-1", "dev", good);
        TaskView t = completed("dep-1");

        assertThat(Files.readString(site.resolve("live/dev.txt"))).isEqualTo("v1 healthy");
        assertThat(t.result().get("deployed").asBoolean()).isTrue();
        assertThat(t.result().get("health").asText()).startsWith("healthy after 1 try");
        assertThat(releases().at("/dev/current/artifact").asText()).isEqualTo(good.toString());
        assertThat(releases().at("/dev/current/task_id").asText()).isEqualTo("dep-1");
        assertThat(room.kernel().traces().forTask("dep-1")).extracting(s -> s.step().content())
                .anySatisfy(c -> assertThat(c).startsWith("deploy: exit 0"))
                .anySatisfy(c -> assertThat(c).startsWith("Health: healthy"));
        assertThat(room.kernel().governance().approvals().pending()).isEmpty();
    }

    @Test
    void aFailingHealthCheckRollsBackToThePreviousRelease() throws Exception {
        deploy("dep-1", "dev", good);
        completed("dep-1");
        deploy("dep-2", "dev", broken);
        TaskView t = firstFailure("dep-2");

        assertThat(t.detail()).contains("the health check found it unhealthy after 2 tries")
                .contains("rolled back to " + good + ", which is healthy");
        assertThat(Files.readString(site.resolve("live/dev.txt"))).isEqualTo("v1 healthy");
        assertThat(deploys()).containsExactly("dev " + good, "dev " + broken, "dev " + good);
        assertThat(releases().at("/dev/current/artifact").asText()).isEqualTo(good.toString());
        assertThat(room.kernel().traces().errors(10)).isEmpty();

        // the next good release moves the last one to "previous"
        Path third = Files.writeString(tmp.resolve("build/app-3.txt"), "v3 healthy");
        deploy("dep-3", "dev", third);
        completed("dep-3");
        assertThat(releases().at("/dev/previous/artifact").asText()).isEqualTo(good.toString());
        assertThat(releases().at("/dev/current/artifact").asText()).isEqualTo(third.toString());
    }

    @Test
    void aFailedFirstDeployHasNothingToGoBackToAndRaisesAnAlert() throws Exception {
        deploy("dep-1", "dev", broken);
        TaskView t = firstFailure("dep-1");

        assertThat(t.detail()).contains("there is no earlier release in dev to roll back to");
        assertThat(room.kernel().traces().errors(10)).singleElement()
                .satisfies(e -> assertThat(e.report().code()).isEqualTo(DeployAgent.NEEDS_A_PERSON));
    }

    @Test
    void aProductionDeployWaitsForTwoApprovalsAndRunsUnderItsWarrant() throws Exception {
        String warrant = warrantForProduction();
        deploy("dep-prod", "production", good);

        ApprovalRequest asked = pendingDeploy();
        assertThat(asked.required()).isEqualTo(2);
        assertThat(asked.canonicalAction()).contains("\"environment\":\"production\"")
                .contains("\"artifact\":\"" + good + "\"").contains("\"command\":");
        Quorum one = room.kernel().governance().approvals().decideLocally(asked.id(), Kernel.LOCAL_APPROVER,
                Verdict.APPROVE, "tests and review passed");
        assertThat(one.toString()).isEqualTo("1 of 2");
        Thread.sleep(300);
        assertThat(room.kernel().tasks().find("dep-prod").orElseThrow().status()).isNotEqualTo(TaskStatus.COMPLETED);
        assertThat(site.resolve("live")).doesNotExist();

        room.kernel().governance().approvals().decide(asked.id(), RELEASE_MANAGER, Verdict.APPROVE, "release window open",
                ApprovalService.sign(releaseManagerKey.getPrivate(), asked.id(), asked.bindingHash(), Verdict.APPROVE));
        TaskView t = completed("dep-prod");

        assertThat(t.result().get("deployed").asBoolean()).isTrue();
        assertThat(Files.readString(site.resolve("live/production.txt"))).isEqualTo("v1 healthy");
        LiveAgentRoom.await(() -> room.kernel().ledger().entries(0, 1000).stream().anyMatch(e ->
                e.action().equals("warrant.execute") && e.subject().equals(warrant) && e.outcome().equals("success")));
        assertThat(room.kernel().ledger().entries(0, 1000)).extracting(LedgerEntry::action)
                .contains("approval.request", "approval.approve", "warrant.use");
    }

    @Test
    void aDeniedProductionDeployDeploysNothing() throws Exception {
        warrantForProduction();
        deploy("dep-prod", "production", good);

        ApprovalRequest asked = pendingDeploy();
        // The request is pending in governance a moment before the agent hears "pending"; the SDK drops a
        // final decision that overtakes that answer, so people (and this test) decide a little later.
        Thread.sleep(500);
        room.kernel().governance().approvals().decideLocally(asked.id(), Kernel.LOCAL_APPROVER, Verdict.DENY,
                "not during the freeze");
        TaskView t = firstFailure("dep-prod");

        assertThat(t.detail()).contains("the deploy to production was not allowed");
        assertThat(site.resolve("live")).doesNotExist();
        assertThat(deploys()).isEmpty();
        assertThat(site.resolve("releases.json")).doesNotExist();
    }

    @Test
    void withoutAWarrantAProductionDeployIsRefusedAtOnce() throws Exception {
        deploy("dep-prod", "production", good);
        TaskView t = firstFailure("dep-prod");

        assertThat(t.detail()).contains("not allowed").contains("no valid warrant of deployer-1 covers this deploy");
        assertThat(deploys()).isEmpty();
    }

    @Test
    void anUnknownEnvironmentOrAMissingArtifactIsSaidPlainly() throws Exception {
        deploy("dep-x", "qa", good);
        deploy("dep-y", "dev", tmp.resolve("build/app-9.txt"));

        assertThat(firstFailure("dep-x").detail())
                .contains("no environment 'qa' is configured; configured: dev, production, staging");
        assertThat(firstFailure("dep-y").detail()).contains("app-9.txt does not exist; build it first");
    }

    @Test
    void aTaskThatNamesNoArtifactDeploysTheEnvironmentsOwnFromItsWorktree() throws Exception {
        room.createTask("dep-s", DeployAgent.CAPABILITY, JsonNodeFactory.instance.objectNode()
                .put("environment", "staging").put("worktree", tmp.toString()));
        TaskView t = completed("dep-s");

        assertThat(t.result().get("artifact").asText()).isEqualTo(good.toString());
        assertThat(Files.readString(site.resolve("live/staging.txt"))).isEqualTo("v1 healthy");
        assertThat(releases().at("/staging/current/artifact").asText()).isEqualTo(good.toString());

        // a task's own artifact comes first
        Path third = Files.writeString(tmp.resolve("build/app-3.txt"), "v3 healthy");
        deploy("dep-s2", "staging", third);
        assertThat(completed("dep-s2").result().get("artifact").asText()).isEqualTo(third.toString());

        room.createTask("dep-d", DeployAgent.CAPABILITY, JsonNodeFactory.instance.objectNode()
                .put("environment", "dev").put("worktree", tmp.toString()));
        room.createTask("dep-n", DeployAgent.CAPABILITY, JsonNodeFactory.instance.objectNode()
                .put("environment", "staging"));
        assertThat(firstFailure("dep-d").detail()).contains("the task's input names no artifact", "and environment dev "
                + "has none configured (\"artifact\" in its entry of environments.json)");
        assertThat(firstFailure("dep-n").detail()).contains("environment staging's artifact build/app-1.txt is a "
                + "relative path and the task names no worktree");
    }

    @Test
    void approversSlowerThanTheRoomsTaskTimeoutCostTheTaskNoAttemptAndGetOneDeploy() throws Exception {
        room.close();
        // long enough for the deploy itself on a loaded machine once people have decided
        start(KernelConfig.defaults().toBuilder().taskTimeout(Duration.ofSeconds(5)).build());
        warrantForProduction();
        deploy("dep-slow", "production", good);
        ApprovalRequest asked = pendingDeploy();
        assertThat(asked.taskId()).isEqualTo("dep-slow");

        // more than a timeout passes while people decide: the room sees the agent waits for them, not stuck
        Thread.sleep(6_500);
        assertThat(room.kernel().tasks().find("dep-slow").orElseThrow().epoch()).isEqualTo(1);
        room.kernel().governance().approvals().decideLocally(asked.id(), Kernel.LOCAL_APPROVER, Verdict.APPROVE, "ok");
        room.kernel().governance().approvals().decide(asked.id(), RELEASE_MANAGER, Verdict.APPROVE, "ok",
                ApprovalService.sign(releaseManagerKey.getPrivate(), asked.id(), asked.bindingHash(), Verdict.APPROVE));
        TaskView t = completed("dep-slow");

        assertThat(t.epoch()).isEqualTo(1);
        assertThat(t.attempts()).isZero();
        assertThat(deploys()).containsExactly("production " + good);
        assertThat(room.kernel().governance().approvals().decisions(asked.id())).hasSize(2);
    }

    private String warrantForProduction() {
        return room.kernel().governance().issueWarrant("deployer-1", new WarrantTerms(
                WarrantScope.kinds(DeployAgent.ACTION).environments("production"),
                Instant.now().plus(Duration.ofHours(1)), 3, 0, Set.of()), Kernel.LOCAL_APPROVER).id();
    }

    private ApprovalRequest pendingDeploy() throws InterruptedException {
        LiveAgentRoom.await(() -> !room.kernel().governance().approvals().pending().isEmpty());
        ApprovalRequest r = room.kernel().governance().approvals().pending().getFirst();
        assertThat(r.kind()).isEqualTo(DeployAgent.ACTION);
        assertThat(r.agentId()).isEqualTo("deployer-1");
        return r;
    }
}
