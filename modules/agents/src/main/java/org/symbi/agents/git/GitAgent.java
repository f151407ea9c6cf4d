package org.symbi.agents.git;

import com.fasterxml.jackson.databind.JsonNode;
import org.symbi.agents.AgentEnv;
import org.symbi.agents.AgentKind;
import org.symbi.agents.BuiltInAgent;
import org.symbi.agents.RoomHttp;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.TaskSpec;
import org.symbi.protocol.Tier;
import org.symbi.sdk.AgentClient;
import org.symbi.sdk.AgentHandler;
import org.symbi.sdk.Trace;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The git agent: takes tasks with capability {@value #CAPABILITY} whose input names an operation
 * ({@code open}, {@code branch}, {@code commit}, {@code diff}, {@code push}, {@code merge}, {@code tag}) and a
 * repository, carries it out with JGit, and traces every step. Pushes (of tags too) and merges are gated
 * actions: they run only under a warrant the room grants for the exact action. See docs/agents.md for the task inputs and results.
 */
public final class GitAgent implements AgentHandler {
    public static final String CAPABILITY = "git";
    /** Tasks held at once: a merge may wait long for approvals while others go on. */
    static final int CONCURRENT_TASKS = 4;

    private final GitAgentConfig config;
    private final ConcurrentMap<String, ReentrantLock> repositoryLocks = new ConcurrentHashMap<>();

    public GitAgent(GitAgentConfig config) {
        this.config = config;
    }

    /** The card a git agent registers with. */
    public static AgentCard card(String agentId) {
        return new AgentCard(agentId, "git", Tier.WORKER, List.of(CAPABILITY), null, null, null, null, null,
                CONCURRENT_TASKS);
    }

    @Override
    public void onTask(AgentClient client, TaskSpec task, Envelope request) {
        JsonNode result;
        try {
            GitTask t = new GitTask(client, task, config, repositoryLocks);
            String op = t.input.required("op");
            result = switch (op) {
                case "open" -> WorkingSteps.open(t);
                case "branch" -> WorkingSteps.branch(t);
                case "commit" -> WorkingSteps.commit(t);
                case "diff" -> WorkingSteps.diff(t);
                case "push" -> PublishingSteps.push(t);
                case "merge" -> PublishingSteps.merge(t);
                case "tag" -> PublishingSteps.tag(t);
                default -> throw new GitFailure("unknown op \"" + op
                        + "\": expected open, branch, commit, diff, push, merge or tag");
            };
        } catch (GitFailure e) {
            client.trace(Trace.observation(task.taskId(), "failed: " + e.getMessage()));
            client.failTask(task, e.getMessage());
            return;
        }
        client.completeTask(task, result);
    }

    /**
     * The {@code git} kind: clones into {@code SYMBI_GIT_WORKSPACE} (default {@code DATA/workspace}), follows
     * the rules of the room's repositories file ({@link RepositoryRules#configured}) and reads review
     * verdicts from the room's REST API with its own token.
     */
    public static final class Kind implements AgentKind {
        @Override
        public String name() {
            return "git";
        }

        @Override
        public BuiltInAgent create(AgentEnv env) throws IOException {
            Path workspace = env.dataFile("SYMBI_GIT_WORKSPACE", "workspace").orElseThrow(() ->
                    new IllegalArgumentException("set SYMBI_DATA_DIR (or SYMBI_GIT_WORKSPACE): the git agent clones "
                            + "repositories into its workspace"));
            RoomHttp room = new RoomHttp(RoomHttp.httpBase(env), env.require("SYMBI_TOKEN"), null, Clock.systemUTC(),
                    RoomHttp.client(env));
            GitAgentConfig config = GitAgentConfig.in(workspace)
                    .withRules(RepositoryRules.configured(env).values().toArray(RepositoryRules[]::new))
                    .withTaskResults(new RoomTaskResults(room.base(), room::agentToken));
            return BuiltInAgent.of(new GitAgent(config), GitAgent::card);
        }
    }
}
