package org.symbi.agents.coding;

import com.fasterxml.jackson.databind.JsonNode;
import org.symbi.agents.AgentEnv;
import org.symbi.agents.AgentKind;
import org.symbi.agents.BuiltInAgent;
import org.symbi.agents.Capabilities;
import org.symbi.agents.llm.LlmClient;
import org.symbi.agents.llm.LlmException;
import org.symbi.agents.llm.TaskBudget;
import org.symbi.agents.llm.TraceSink;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.TaskSpec;
import org.symbi.protocol.Tier;
import org.symbi.sdk.AgentClient;
import org.symbi.sdk.Trace;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The coding agent: takes {@code code} tasks and changes the git working tree the task input names
 * ({@code worktree}, else the agent's default), completing the task with the {@link Change} (summary, files,
 * staged diff). The instructions are the task's title and description, the input's {@code request}, and its
 * {@code feedback} when an earlier attempt failed (a review's findings, say). A fix task from the test agent
 * ({@link FixRequest}: {@code fix_for}, {@code fix_round}, {@code test_command}, {@code failures},
 * {@code test_output}) has its failing tests and the end of the test output told as feedback too.
 *
 * <p>Writing code needs a model. Without one the agent still joins the room, but registers without the
 * {@code code} capability, so code tasks wait for an agent that can do them instead of failing here.
 */
public final class CodingAgent implements BuiltInAgent {
    public static final String AGENT_TYPE = "coder";
    private static final System.Logger LOG = System.getLogger(CodingAgent.class.getName());

    private final Optional<LlmClient> llm;
    private final Optional<Coder> coder;
    private final Optional<Path> defaultWorktree;

    public CodingAgent(Optional<LlmClient> llm, TaskBudget limits, Optional<Path> defaultWorktree) {
        this.llm = llm;
        this.coder = llm.map(client -> new Coder(client, limits));
        this.defaultWorktree = defaultWorktree;
        if (llm.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "no language model is configured: the coding agent takes no code "
                    + "tasks, which wait for an agent with a model");
        }
    }

    /** With a model, the {@code code} capability; without one, none. */
    @Override
    public AgentCard card(String agentId) {
        return new AgentCard(agentId, AGENT_TYPE, Tier.WORKER, llm.isPresent() ? List.of(Capabilities.CODE) : List.of(),
                null, null, null, null, llm.map(c -> c.config().modelInfo()).orElse(null), 1);
    }

    @Override
    public void onTask(AgentClient client, TaskSpec task, Envelope request) {
        if (coder.isEmpty()) {
            client.failTask(task, "writing code needs a language model, and none is configured");
            return;
        }
        JsonNode input = task.input();
        Optional<Path> worktree = input != null && input.path("worktree").isTextual()
                ? Optional.of(Path.of(input.path("worktree").asText())) : defaultWorktree;
        if (worktree.isEmpty()) {
            client.failTask(task, "no working tree to change: give the task input \"worktree\" (a git working tree)");
            return;
        }
        FixRequest.of(input).ifPresent(fix -> client.trace(Trace.thought(task.taskId(), fix.summary())));
        try {
            Change change = coder.get().change(worktree.get(), instructions(task), task.taskId(), TraceSink.of(client));
            client.completeTask(task, change.toJson());
        } catch (IOException | LlmException e) {
            client.failTask(task, "the change could not be made: " + e.getMessage());
        }
    }

    static String instructions(TaskSpec task) {
        StringBuilder s = new StringBuilder(task.title());
        if (task.description() != null && !task.description().isBlank()) {
            s.append("\n\n").append(task.description());
        }
        JsonNode input = task.input();
        if (input != null && input.path("request").isTextual()
                && (task.description() == null || !task.description().contains(input.path("request").asText()))) {
            s.append("\n\nThe request this is part of: ").append(input.path("request").asText());
        }
        List<String> feedback = new ArrayList<>();
        FixRequest.of(input).ifPresent(fix -> feedback.add(fix.feedback()));
        if (input != null && input.path("feedback").isTextual()) {
            feedback.add(input.path("feedback").asText());
        }
        if (!feedback.isEmpty()) {
            s.append("\n\nAn earlier attempt did not pass; fix this:\n").append(String.join("\n\n", feedback));
        }
        return s.toString();
    }

    /**
     * The {@code coding} kind: the model the environment names ({@code SYMBI_LLM_*}), the task budget
     * ({@code SYMBI_LLM_TASK_TOKENS}, {@code SYMBI_LLM_TASK_USD}); tasks name their working tree.
     */
    public static final class Kind implements AgentKind {
        @Override
        public String name() {
            return "coding";
        }

        @Override
        public BuiltInAgent create(AgentEnv env) {
            return new CodingAgent(env.openLanguageModel(), TaskBudget.fromEnvironment(env.values()), Optional.empty());
        }
    }
}
