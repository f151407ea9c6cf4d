package org.symbi.agents.deploy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.symbi.agents.AgentEnv;
import org.symbi.agents.AgentKind;
import org.symbi.agents.BuiltInAgent;
import org.symbi.agents.exec.Assignments;
import org.symbi.agents.exec.CommandResult;
import org.symbi.agents.exec.ShellCommand;
import org.symbi.protocol.ActionSpec;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.ErrorReport;
import org.symbi.protocol.MessageType;
import org.symbi.protocol.ProtocolCodec;
import org.symbi.protocol.TaskOutcome;
import org.symbi.protocol.TaskSpec;
import org.symbi.protocol.Tier;
import org.symbi.protocol.WarrantDecision;
import org.symbi.protocol.WarrantStatus;
import org.symbi.sdk.AgentClient;
import org.symbi.sdk.AgentHandler;
import org.symbi.sdk.Trace;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The deployment agent (capability {@code deploy}): puts a built artifact live in a configured environment
 * with the environment's deploy command, checks its health, and when the deploy or the check fails puts
 * the release that was live before back. Deploys to a gated environment (production, by default) run only
 * under a warrant: the agent asks for one with the exact action ({@code deploy} with environment, artifact
 * and command), waits for the approvers the room's policy names, and reports what it did under it.
 */
public final class DeployAgent implements AgentHandler {
    public static final String CAPABILITY = "deploy";
    /** The gated action's kind. */
    public static final String ACTION = "deploy";
    /** The code of the error report for an environment a failed deploy may have left unhealthy. */
    public static final String NEEDS_A_PERSON = "deploy_unhealthy";
    private static final int OUTPUT_LIMIT = 16 * 1024;

    private final DeploySettings settings;
    private final Releases releases;
    private final HealthCheck health;
    private final ProtocolCodec codec = new ProtocolCodec();
    /** One deploy at a time per environment. */
    private final Map<String, ReentrantLock> environmentLocks = new ConcurrentHashMap<>();
    private final Assignments assignments = new Assignments();

    public DeployAgent(DeploySettings settings, HttpClient http) {
        this.settings = settings;
        this.releases = new Releases(settings.releaseFile());
        this.health = new HealthCheck(http);
    }

    public static AgentCard card(String agentId) {
        return card(agentId, List.of(CAPABILITY));
    }

    private static AgentCard card(String agentId, List<String> capabilities) {
        return new AgentCard(agentId, "deployer", Tier.SPECIALIST, capabilities, null, null, null, null, null, 4);
    }

    /**
     * How a deploy ended.
     *
     * @param message for a failed task: what went wrong and where the environment was left
     */
    private record Outcome(boolean deployed, ObjectNode result, String message) {
    }

    @Override
    public void onTask(AgentClient client, TaskSpec task, Envelope request) {
        assignments.run(client, task, () -> work(client, task, request));
    }

    /** Does the task and ends it, under its newest assignment. */
    private void work(AgentClient client, TaskSpec task, Envelope request) {
        String id = task.taskId();
        try {
            DeployJob job = DeployJob.of(task, settings);
            WarrantDecision warrant = null;
            ActionSpec action = job.action();
            if (job.environment().gated()) {
                warrant = askForWarrant(client, job, action);
                if (warrant.status() != WarrantStatus.ALLOWED) {
                    client.trace(Trace.decision(id, "Not deploying: the warrant was " + warrant.status().wire()
                            + ". Nothing was changed.", 1.0));
                    client.failTask(assignments.end(task), "the deploy to " + job.environment().name() + " was not allowed: "
                            + warrant.reason());
                    return;
                }
            }
            Outcome outcome = deployOne(client, request, job);
            if (warrant != null) {
                client.reportAction(warrant, action, outcome.deployed() ? TaskOutcome.SUCCESS : TaskOutcome.FAILURE,
                        outcome.result());
            }
            if (outcome.deployed()) {
                client.completeTask(assignments.end(task), outcome.result());
            } else {
                client.failTask(assignments.end(task), outcome.message());
            }
        } catch (IllegalArgumentException bad) {
            client.trace(Trace.thought(id, "Cannot do this task: " + bad.getMessage()));
            client.failTask(assignments.end(task), bad.getMessage());
        } catch (IOException | ExecutionException e) {
            String why = e instanceof ExecutionException ? String.valueOf(e.getCause().getMessage()) : e.getMessage();
            client.trace(Trace.observation(id, "Stopped: " + why));
            client.failTask(assignments.end(task), "could not deploy: " + why);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            client.failTask(assignments.end(task), "the agent stopped while deploying");
        }
    }

    private WarrantDecision askForWarrant(AgentClient client, DeployJob job, ActionSpec action)
            throws ExecutionException, InterruptedException {
        String id = job.taskId();
        client.trace(Trace.thought(id, "A deploy to " + job.environment().name() + " needs a warrant; asking the "
                + "room and waiting for the approvers its policy names."));
        client.trace(Trace.toolCall(id, "warrant.request", action.args()));
        WarrantDecision d = client.requestWarrant(action, job.reason(), id).get();
        client.trace(Trace.observation(id, "Warrant " + d.status().wire() + (d.quorum() == null ? "" : " ("
                + d.quorum() + ")") + (d.reason() == null ? "" : ": " + d.reason())));
        return d;
    }

    private Outcome deployOne(AgentClient client, Envelope request, DeployJob job)
            throws IOException, InterruptedException {
        ReentrantLock lock = environmentLocks.computeIfAbsent(job.environment().name(), n -> new ReentrantLock());
        lock.lockInterruptibly();
        try {
            return deploy(client, request, job);
        } finally {
            lock.unlock();
        }
    }

    private Outcome deploy(AgentClient client, Envelope request, DeployJob job) throws IOException, InterruptedException {
        String id = job.taskId();
        Environment env = job.environment();
        Optional<Releases.Release> live = releases.current(env.name());
        String artifact = job.artifact().toString();
        ObjectNode result = JsonNodeFactory.instance.objectNode().put("environment", env.name()).put("artifact", artifact)
                .put("previous", live.map(Releases.Release::artifact).orElse(null));
        client.trace(Trace.thought(id, "Deploying " + artifact + " to " + env.name() + live.map(r -> "; "
                + r.artifact() + " is live there now and is what a rollback goes back to").orElse("; nothing is live there yet")));
        Map<String, String> vars = variables(job, artifact, live.map(Releases.Release::artifact).orElse(""));
        CommandResult deployed = run(client, id, "deploy", env.deployCommand(), vars, env);
        if (!deployed.succeeded()) {
            return rollBack(client, request, job, live, result, "the deploy command ended " + deployed.summary());
        }
        client.trace(Trace.toolCall(id, "health", JsonNodeFactory.instance.objectNode().put("check", env.healthCheck())
                .put("tries", env.healthAttempts())));
        HealthCheck.Outcome checked = health.check(env, settings.workingDirectory(), vars);
        client.trace(Trace.observation(id, "Health: " + checked.summary()));
        result.put("health", checked.summary());
        if (!checked.healthy()) {
            return rollBack(client, request, job, live, result, "the health check found it " + checked.summary());
        }
        releases.deployed(env.name(), new Releases.Release(artifact, Instant.now(), id));
        client.trace(Trace.decision(id, artifact + " is live in " + env.name() + ".", 1.0));
        return new Outcome(true, result.put("deployed", true).put("rolled_back", false), null);
    }

    /** Puts what was live before back, checks it, and says where the environment was left. */
    private Outcome rollBack(AgentClient client, Envelope request, DeployJob job, Optional<Releases.Release> live,
                             ObjectNode result, String why) throws InterruptedException {
        String id = job.taskId();
        Environment env = job.environment();
        result.put("deployed", false).put("failure", why);
        if (live.isEmpty()) {
            return needsAPerson(client, request, job, result.put("rolled_back", false),
                    why + "; there is no earlier release in " + env.name() + " to roll back to");
        }
        String earlier = live.get().artifact();
        client.trace(Trace.decision(id, "Rolling back " + env.name() + " to " + earlier + ": " + why + ".", 1.0));
        // what goes live now is the earlier release; what was live a moment ago, the failed one
        Map<String, String> vars = variables(job, earlier, job.artifact().toString());
        CommandResult back = run(client, id, "rollback", env.rollbackOrDeployCommand(), vars, env);
        if (!back.succeeded()) {
            return needsAPerson(client, request, job, result.put("rolled_back", false),
                    why + "; the rollback to " + earlier + " failed too (" + back.summary() + ")");
        }
        HealthCheck.Outcome checked = health.check(env, settings.workingDirectory(), vars);
        client.trace(Trace.observation(id, "Health after the rollback: " + checked.summary()));
        result.put("rolled_back", true).put("rollback_health", checked.summary());
        if (!checked.healthy()) {
            return needsAPerson(client, request, job, result,
                    why + "; rolled back to " + earlier + ", which is unhealthy too (" + checked.summary() + ")");
        }
        return new Outcome(false, result, why + "; rolled back to " + earlier + ", which is healthy");
    }

    /** The environment may be down: besides failing the task, the room raises an alert. */
    private Outcome needsAPerson(AgentClient client, Envelope request, DeployJob job, ObjectNode result, String message) {
        client.trace(Trace.decision(job.taskId(), "The environment needs a person: " + message + ".", 1.0));
        client.send(Envelope.builder().fromAgent(client.agentId()).toAgent(Envelope.ORCHESTRATOR)
                .messageType(MessageType.ERROR_REPORT).payload(codec.toPayload(new ErrorReport(NEEDS_A_PERSON,
                        "Task " + job.taskId() + ", " + job.environment().name() + ": " + message,
                        request.messageId()))).build());
        return new Outcome(false, result, message);
    }

    private CommandResult run(AgentClient client, String taskId, String step, String command, Map<String, String> vars,
                              Environment env) throws InterruptedException {
        client.trace(Trace.toolCall(taskId, "shell", JsonNodeFactory.instance.objectNode().put("step", step)
                .put("command", command).put("artifact", vars.get("SYMBI_ARTIFACT"))
                .put("timeout_seconds", env.commandTimeout().toSeconds())));
        CommandResult r;
        try {
            r = new ShellCommand(command, settings.workingDirectory(), vars, env.commandTimeout(), OUTPUT_LIMIT).run();
        } catch (IOException e) {
            r = new CommandResult(-1, false, "could not start: " + e.getMessage(), Duration.ZERO);
        }
        client.trace(Trace.observation(taskId, step + ": " + r.summary() + (r.output().isBlank() ? "" : "\n" + r.output())));
        return r;
    }

    private static Map<String, String> variables(DeployJob job, String artifact, String previous) {
        Map<String, String> vars = new HashMap<>();
        vars.put("SYMBI_ENVIRONMENT", job.environment().name());
        vars.put("SYMBI_ARTIFACT", artifact);
        vars.put("SYMBI_PREVIOUS_ARTIFACT", previous);
        vars.put("SYMBI_TASK_ID", job.taskId());
        return vars;
    }

    /**
     * The {@code deploy} kind: the environments of the room's environments file
     * ({@link DeploySettings#configured}). Without one it joins the room without the {@code deploy}
     * capability, so deploy tasks wait for an agent that has environments instead of failing here.
     */
    public static final class Kind implements AgentKind {
        private static final System.Logger LOG = System.getLogger(DeployAgent.class.getName());

        @Override
        public String name() {
            return "deploy";
        }

        @Override
        public BuiltInAgent create(AgentEnv env) throws IOException {
            Optional<DeploySettings> settings = DeploySettings.configured(env);
            if (settings.isEmpty()) {
                LOG.log(System.Logger.Level.INFO, "no deploy environments are configured ("
                        + DeploySettings.ENVIRONMENTS_FILE + " in the data directory, or "
                        + DeploySettings.ENVIRONMENTS_VARIABLE + "): the deployment agent takes no deploy tasks, "
                        + "which wait for an agent with environments");
                return BuiltInAgent.of(new DeployAgent(new DeploySettings(Map.of(), null, null),
                        HttpClient.newHttpClient()), id -> card(id, List.of()));
            }
            return BuiltInAgent.of(new DeployAgent(settings.get(), HttpClient.newHttpClient()), DeployAgent::card);
        }
    }
}
