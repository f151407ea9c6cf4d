package org.symbi.agents.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.symbi.agents.AgentEnv;
import org.symbi.agents.AgentKind;
import org.symbi.agents.BuiltInAgent;
import org.symbi.agents.RoomHttp;
import org.symbi.agents.exec.Assignments;
import org.symbi.agents.exec.CommandResult;
import org.symbi.agents.exec.ShellCommand;
import org.symbi.agents.git.RepositoryRules;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.ErrorReport;
import org.symbi.protocol.MessageType;
import org.symbi.protocol.ProtocolCodec;
import org.symbi.protocol.TaskSpec;
import org.symbi.protocol.Tier;
import org.symbi.sdk.AgentClient;
import org.symbi.sdk.AgentHandler;
import org.symbi.sdk.Trace;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The test/build agent (capability {@code test}): runs a repository's test command in a worktree, reads
 * what the run found and reports it. Failures go back to a coding agent as a follow-up task (capability
 * {@code code}) carrying them; the tests run again once it has ended, a bounded number of times, after
 * which the task escalates to a person: an {@code escalated} error report (an alert in the room) and a
 * failed task. The test task itself ends only then, so whatever depends on it waits for passing tests.
 */
public final class TestAgent implements AgentHandler {
    public static final String CAPABILITY = "test";
    /** The capability fix tasks ask for. */
    public static final String FIX_CAPABILITY = "code";
    /** The code of the error report that hands a task to a person. */
    public static final String ESCALATED = "escalated";
    private static final Set<String> ENDED = Set.of("failed", "cancelled", "timed_out", "blocked");
    private static final int MAX_REPORT = 8_000;

    private final TestSettings settings;
    private final RoomTasks room;
    private final ProtocolCodec codec = new ProtocolCodec();
    /** Tasks already escalated: a retry of one that still fails fails again without a second alert. */
    private final Set<String> escalated = ConcurrentHashMap.newKeySet();
    private final Assignments assignments = new Assignments();

    /** @param room where fix tasks are created and watched, with this agent's token */
    public TestAgent(TestSettings settings, RoomTasks room) {
        this.settings = settings;
        this.room = room;
    }

    public static AgentCard card(String agentId) {
        return new AgentCard(agentId, "test-runner", Tier.SPECIALIST, List.of(CAPABILITY), null, null, null, null,
                null, 2);
    }

    @Override
    public void onTask(AgentClient client, TaskSpec task, Envelope request) {
        assignments.run(client, task, () -> work(client, task, request));
    }

    /** Does the task and ends it, under its newest assignment. */
    private void work(AgentClient client, TaskSpec task, Envelope request) {
        String id = task.taskId();
        TestJob job;
        try {
            job = TestJob.of(task, settings);
        } catch (IllegalArgumentException bad) {
            client.trace(Trace.thought(id, "Cannot run this task: " + bad.getMessage()));
            client.failTask(assignments.end(task), bad.getMessage());
            return;
        }
        try {
            testUntilFixed(client, task, request, job);
        } catch (IOException e) {
            client.trace(Trace.observation(id, "Stopped: " + e.getMessage()));
            client.failTask(assignments.end(task), "could not test: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            client.failTask(assignments.end(task), "the agent stopped while testing");
        }
    }

    private void testUntilFixed(AgentClient client, TaskSpec task, Envelope request, TestJob job)
            throws IOException, InterruptedException {
        String id = task.taskId();
        client.trace(Trace.thought(id, "Running the tests of " + job.repository() + " in " + job.worktree()
                + (job.maxFixRounds() > 0 ? "; failures go to a coding agent up to " + job.maxFixRounds()
                + " time(s), then to a person" : "; failures go to a person")));
        for (int round = 0; ; round++) {
            TestRun run = runOnce(client, id, job);
            if (run.passed()) {
                client.trace(Trace.decision(id, round == 0 ? "The tests pass."
                        : "The tests pass after " + round + " fix round(s).", 1.0));
                client.completeTask(assignments.end(task), run.toJson().put("fix_rounds", round));
                return;
            }
            if (round >= job.maxFixRounds()) {
                escalate(client, task, request, run, job, round == 0 ? "no fix rounds are allowed"
                        : round + " fix round(s) did not make them pass");
                return;
            }
            Optional<String> unfixed = awaitFix(client, task, job, run, round + 1);
            if (unfixed.isPresent()) {
                escalate(client, task, request, run, job, unfixed.get());
                return;
            }
        }
    }

    private TestRun runOnce(AgentClient client, String taskId, TestJob job) throws IOException, InterruptedException {
        ObjectNode args = JsonNodeFactory.instance.objectNode().put("command", job.command())
                .put("directory", job.worktree().toString()).put("timeout_seconds", job.timeout().toSeconds());
        client.trace(Trace.toolCall(taskId, "shell", args));
        // reports are told from older ones by their time; file systems keep it to the second at worst
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        CommandResult result = new ShellCommand(job.command(), job.worktree(), Map.of("CI", "true"), job.timeout(),
                settings.outputLimit()).run();
        JUnitReports.Collected reports = JUnitReports.collect(job.worktree(), start);
        Optional<TestCounts> counts = reports.counts().isPresent() ? reports.counts()
                : SummaryFormats.read(result.output());
        TestRun run = new TestRun(job.command(), result, counts, reports.unreadable());
        StringBuilder seen = new StringBuilder(run.summary());
        run.unreadable().forEach(u -> seen.append("\nUnreadable report: ").append(u));
        run.failures().forEach(f -> seen.append("\n- ").append(f.line()));
        seen.append("\n\nOutput:\n").append(result.output());
        client.trace(Trace.observation(taskId, seen.toString()));
        return run;
    }

    /**
     * Has a coding agent fix the failures and waits for it to end. The fix task's id follows from the test
     * task's, so a test task run again (after a restart or a retry) finds the fixes already asked for.
     *
     * @return empty when the fix ended well, else why the tests are not going to be fixed
     */
    private Optional<String> awaitFix(AgentClient client, TaskSpec task, TestJob job, TestRun run, int round)
            throws IOException, InterruptedException {
        String id = task.taskId();
        String fixId = fixTaskId(id, round);
        if (room.find(fixId).isEmpty()) {
            client.trace(Trace.decision(id, "Sending the failures to a coding agent: fix " + round + " of "
                    + job.maxFixRounds() + " (task " + fixId + ").", null));
            room.create(fixTask(task, job, run, fixId, round));
        } else {
            client.trace(Trace.observation(id, "Fix " + round + " was asked for already (task " + fixId + ")."));
        }
        long deadline = System.nanoTime() + settings.fixWait().toNanos();
        while (true) {
            JsonNode fix = room.find(fixId).orElseThrow(() -> new IOException("the room has no task " + fixId));
            String status = fix.path("status").asText();
            if (status.equals("completed")) {
                client.trace(Trace.observation(id, "Fix task " + fixId + " completed by "
                        + fix.path("assigned_agent").asText("an agent") + "; testing again."));
                return Optional.empty();
            }
            if (ENDED.contains(status)) {
                return Optional.of("fix task " + fixId + " ended " + status + ": " + fix.path("detail").asText());
            }
            if (System.nanoTime() > deadline) {
                return Optional.of("no coding agent fixed them within " + settings.fixWait().toMinutes()
                        + " min (fix task " + fixId + " is " + status + ")");
            }
            Thread.sleep(settings.pollInterval().toMillis());
        }
    }

    private static String fixTaskId(String taskId, int round) {
        String suffix = ".fix-" + round;
        return taskId.substring(0, Math.min(taskId.length(), 128 - suffix.length())) + suffix;
    }

    private static TaskSpec fixTask(TaskSpec task, TestJob job, TestRun run, String fixId, int round) {
        // the test task's input (worktree, repository, branch, …) without what only the test run reads
        ObjectNode input = job.input().deepCopy();
        input.remove(List.of("command", "timeout_seconds", "max_fix_rounds"));
        input.put("fix_for", task.taskId()).put("fix_round", round).put("test_command", job.command());
        ObjectNode found = run.toJson();
        input.set("failures", found.get("failures"));
        input.set("test_output", found.get("output"));
        String description = "The tests of " + job.repository() + " fail in the worktree " + job.worktree()
                + " (`" + job.command() + "`: " + run.summary() + "). Change the code so that they pass; change a "
                + "test only where the test itself is wrong.\n\n" + run.failureText();
        return new TaskSpec(fixId, null, "Make the failing tests of " + job.repository() + " pass (fix " + round
                + " of " + job.maxFixRounds() + ")", description, List.of(FIX_CAPABILITY), null, task.priority(),
                null, null, null, null, input);
    }

    private void escalate(AgentClient client, TaskSpec task, Envelope request, TestRun run, TestJob job, String why) {
        String id = task.taskId();
        client.trace(Trace.decision(id, "Escalating to a person: " + why + ".", null));
        if (escalated.add(id)) {
            String message = "Task " + id + ": the tests of " + job.repository() + " fail and need a person ("
                    + why + "). " + run.summary() + "\n" + run.failureText();
            client.send(Envelope.builder().fromAgent(client.agentId()).toAgent(Envelope.ORCHESTRATOR)
                    .messageType(MessageType.ERROR_REPORT).payload(codec.toPayload(new ErrorReport(ESCALATED,
                            message.length() > MAX_REPORT ? message.substring(0, MAX_REPORT) + "…" : message,
                            request.messageId()))).build());
        }
        client.failTask(assignments.end(task), "escalated to a person: " + why + "; " + run.summary());
    }

    /**
     * The {@code test} kind: the test command and timeout of each repository from the room's repositories
     * file ({@link RepositoryRules#configured}); fix tasks created and watched with its own token.
     */
    public static final class Kind implements AgentKind {
        @Override
        public String name() {
            return "test";
        }

        @Override
        public BuiltInAgent create(AgentEnv env) throws IOException {
            TestSettings settings = TestSettings.defaults();
            for (RepositoryRules r : RepositoryRules.configured(env).values()) {
                if (r.testCommand() != null) {
                    settings = settings.withCommand(r.name(), r.testCommand());
                }
                if (r.testTimeout() != null) {
                    settings = settings.withTimeout(r.name(), r.testTimeout());
                }
            }
            RoomTasks room = new RoomTasks(HttpClient.newHttpClient(), RoomHttp.httpBase(env),
                    env.require("SYMBI_TOKEN"));
            return BuiltInAgent.of(new TestAgent(settings, room), TestAgent::card);
        }
    }
}
