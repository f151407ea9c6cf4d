package org.symbi.agents.git;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.symbi.governance.ApprovalRequest;
import org.symbi.governance.Phase;
import org.symbi.governance.Warrant;
import org.symbi.governance.WarrantScope;
import org.symbi.governance.WarrantTerms;
import org.symbi.kernel.Kernel;
import org.symbi.kernel.task.TaskView;
import org.symbi.ledger.LedgerEntry;
import org.symbi.protocol.TaskSpec;
import org.symbi.protocol.TaskStatus;
import org.symbi.protocol.TraceKind;
import org.symbi.sdk.AgentClient;
import org.symbi.sdk.Eventually;
import org.symbi.sdk.LiveRoom;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** A real room (kernel and gateway) with a git agent connected to it through the SDK, and helpers for its tests. */
final class GitAgentRoom implements AutoCloseable {
    static final String AGENT = "git-1";
    static final Duration WAIT = Duration.ofSeconds(30);

    final LiveRoom room;
    private final AgentClient agent;

    /** @param config the agent's configuration, which may need the room (its address, tokens) */
    GitAgentRoom(Path tmp, Function<LiveRoom, GitAgentConfig> config) throws Exception {
        room = new LiveRoom(tmp);
        agent = AgentClient.connect(room.uri(), room.token(AGENT, GitAgent.CAPABILITY), GitAgent.card(AGENT),
                new GitAgent(config.apply(room)));
        room.awaitOnline(AGENT, WAIT);
    }

    Kernel kernel() {
        return room.kernel();
    }

    static ObjectNode input(String op, Path repository) {
        return JsonNodeFactory.instance.objectNode().put("op", op).put("repository", repository.toString());
    }

    /** Runs a git task to its end (its attempts used up, if it fails). */
    TaskView run(String taskId, ObjectNode input) throws InterruptedException {
        return room.runTask(taskId, GitAgent.CAPABILITY, input, WAIT);
    }

    void start(String taskId, ObjectNode input) {
        kernel().tasks().create(new TaskSpec(taskId, null, "task " + taskId, null, List.of(GitAgent.CAPABILITY),
                null, null, null, null, null, null, input));
    }

    /** Waits for the first failed attempt of a task and returns why it failed. */
    String firstFailure(String taskId, ObjectNode input) throws InterruptedException {
        start(taskId, input);
        return awaitFailedAttempts(taskId, 1).detail();
    }

    TaskView task(String taskId) {
        return kernel().tasks().find(taskId).orElseThrow();
    }

    TaskView awaitEnd(String taskId) throws InterruptedException {
        Eventually.await(WAIT, () -> task(taskId).status() == TaskStatus.COMPLETED
                || task(taskId).status() == TaskStatus.FAILED);
        return task(taskId);
    }

    /** Waits until a task has failed the given number of attempts (the kernel retries failed tasks). */
    TaskView awaitFailedAttempts(String taskId, int attempts) throws InterruptedException {
        Eventually.await(WAIT, () -> task(taskId).attempts() >= attempts || task(taskId).status() == TaskStatus.FAILED);
        return task(taskId);
    }

    /** A warrant for merges into main, as a person would issue it to the agent. */
    Warrant mergeWarrant() {
        return kernel().governance().issueWarrant(AGENT, new WarrantTerms(WarrantScope.kinds("git.merge")
                .branches("main"), Instant.now().plus(Duration.ofHours(1)), 5, 0, Set.of()), Kernel.LOCAL_APPROVER);
    }

    /** A warrant for pushing release tags, as a person would issue it to the agent. */
    Warrant tagWarrant() {
        return kernel().governance().issueWarrant(AGENT, new WarrantTerms(WarrantScope.kinds("git.push")
                .branches("refs/tags/**"), Instant.now().plus(Duration.ofHours(1)), 5, 0, Set.of()), Kernel.LOCAL_APPROVER);
    }

    /** A confirmed plan's phase warrant for pushing task branches, scoped to the task. */
    Warrant pushPhaseWarrant(String taskId) {
        return kernel().governance().issuePhaseWarrants("plan-" + taskId, List.of(new Phase("implementation", AGENT,
                WarrantScope.kinds("git.push").branches("feature/**"), Set.of(taskId),
                Instant.now().plus(Duration.ofHours(1)), 5, 0))).getFirst().warrant();
    }

    ApprovalRequest awaitPendingApproval() throws InterruptedException {
        Eventually.await(WAIT, () -> !kernel().governance().approvals().pending().isEmpty());
        return kernel().governance().approvals().pending().getFirst();
    }

    List<LedgerEntry> ledger() {
        return kernel().ledger().entries(0, 10_000);
    }

    void awaitLedger(String action, String subject) throws InterruptedException {
        Eventually.await(WAIT, () -> ledger().stream()
                .anyMatch(e -> e.action().equals(action) && e.subject().equals(subject)));
    }

    /** The task's trace steps of one kind, as "content" strings. */
    List<String> traced(String taskId, TraceKind kind) {
        return kernel().traces().forTask(taskId).stream().filter(t -> t.step().kind() == kind)
                .map(t -> t.step().content()).toList();
    }

    @Override
    public void close() {
        agent.close();
        room.close();
    }
}
