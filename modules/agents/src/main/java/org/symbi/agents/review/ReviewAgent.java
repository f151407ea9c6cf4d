package org.symbi.agents.review;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.jgit.api.Git;
import org.symbi.agents.AgentEnv;
import org.symbi.agents.AgentKind;
import org.symbi.agents.BuiltInAgent;
import org.symbi.agents.Capabilities;
import org.symbi.agents.diff.Diffs;
import org.symbi.agents.llm.LlmClient;
import org.symbi.agents.llm.LlmException;
import org.symbi.agents.llm.TaskBudget;
import org.symbi.agents.llm.TraceSink;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.TaskSpec;
import org.symbi.protocol.Tier;
import org.symbi.sdk.AgentClient;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The review agent: takes {@code review} tasks and completes each with a {@link Review} (verdict pass or fail,
 * findings). The change is the task input's {@code diff}; or the repository at {@code worktree}: the commits
 * from {@code base} to {@code head} (default {@code HEAD}) when {@code base} is given, else what is staged.
 * Without a model it still reviews, with the static checks alone, and says so in the result.
 */
public final class ReviewAgent implements BuiltInAgent {
    public static final String AGENT_TYPE = "reviewer";

    private final Reviewer reviewer;
    private final Optional<LlmClient> llm;

    public ReviewAgent(Optional<LlmClient> llm, TaskBudget limits) {
        this.llm = llm;
        this.reviewer = new Reviewer(llm, limits);
    }

    @Override
    public AgentCard card(String agentId) {
        return new AgentCard(agentId, AGENT_TYPE, Tier.WORKER, List.of(Capabilities.REVIEW), null, null, null, null,
                llm.map(c -> c.config().modelInfo()).orElse(null), 1);
    }

    @Override
    public void onTask(AgentClient client, TaskSpec task, Envelope request) {
        String diff;
        try {
            diff = diffOf(task.input());
        } catch (IOException | IllegalArgumentException e) {
            client.failTask(task, e.getMessage());
            return;
        }
        String context = task.title() + (task.description() == null ? "" : "\n" + task.description());
        try {
            client.completeTask(task, reviewer.review(diff, context, task.taskId(), TraceSink.of(client)).toJson());
        } catch (LlmException e) {
            client.failTask(task, "the review could not be made: " + e.getMessage());
        }
    }

    static String diffOf(JsonNode input) throws IOException {
        if (input != null && input.path("diff").isTextual()) {
            return input.path("diff").asText();
        }
        if (input == null || !input.path("worktree").isTextual()) {
            throw new IllegalArgumentException("no change to review: the task input needs \"diff\" (a unified diff) "
                    + "or \"worktree\" (a repository's directory, with \"base\" to review commits)");
        }
        try (Git git = Git.open(Path.of(input.path("worktree").asText()).toFile())) {
            return input.path("base").isTextual()
                    ? Diffs.between(git.getRepository(), input.path("base").asText(), input.path("head").asText("HEAD"))
                    : Diffs.staged(git.getRepository());
        }
    }

    /** The {@code review} kind: the model the environment names ({@code SYMBI_LLM_*}), else static checks. */
    public static final class Kind implements AgentKind {
        @Override
        public String name() {
            return "review";
        }

        @Override
        public BuiltInAgent create(AgentEnv env) {
            return new ReviewAgent(env.openLanguageModel(), TaskBudget.fromEnvironment(env.values()));
        }
    }
}
