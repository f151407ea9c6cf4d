package org.symbi.agents.roles;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import org.symbi.agents.AgentEnv;
import org.symbi.agents.AgentKind;
import org.symbi.agents.Alerts;
import org.symbi.agents.BuiltInAgent;
import org.symbi.agents.llm.LlmClient;
import org.symbi.agents.llm.LlmConfig;
import org.symbi.agents.llm.LlmException;
import org.symbi.agents.llm.LlmReply;
import org.symbi.agents.llm.TaskBudget;
import org.symbi.agents.llm.TraceSink;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.TaskSpec;
import org.symbi.protocol.Tier;
import org.symbi.sdk.AgentClient;

import java.util.List;
import java.util.Optional;

/**
 * An agent for one of the roles a team gives its agents (documentation, testing, website content …): the
 * role's prompt, which people edit in its template, and a language model. Each task goes to the model with
 * the prompt; the model's answer is the task's result, and the call is in the task's trace as the
 * {@code llm_prompt} and {@code llm_response} steps every agent's calls make, charged to the task's budget.
 * Without a model the agent says so to the room and takes no tasks, so that they wait for an agent that can
 * do them rather than get an answer nobody wrote.
 */
public final class RoleAgent implements BuiltInAgent {
    /** Raised when the role has no model to work with. */
    public static final String NO_MODEL = "model_required";

    private final RoleSettings settings;
    private final Optional<LlmClient> llm;
    private final TaskBudget limits;

    /** @param limits what each task may spend on the model; every task starts afresh from these */
    public RoleAgent(RoleSettings settings, Optional<LlmClient> llm, TaskBudget limits) {
        this.settings = settings;
        this.llm = llm;
        this.limits = limits;
    }

    @Override
    public AgentCard card(String agentId) {
        return new AgentCard(agentId, settings.role(), Tier.SPECIALIST,
                llm.isPresent() ? settings.capabilities() : List.of(), null, null, null, null,
                llm.map(c -> c.config().modelInfo()).orElse(null), 1);
    }

    @Override
    public void connected(AgentClient client) {
        if (llm.isEmpty()) {
            Alerts.report(client, NO_MODEL, "The " + settings.role() + " agent needs a language model and none is"
                    + " configured (set " + LlmConfig.ENV_PROVIDER + " and " + LlmConfig.ENV_MODEL + "): it takes"
                    + " no tasks, so tasks needing " + String.join(", ", settings.capabilities())
                    + " wait for an agent that can do them");
        }
    }

    @Override
    public void onTask(AgentClient client, TaskSpec task, Envelope request) {
        if (llm.isEmpty()) {
            client.failTask(task, "the " + settings.role() + " agent has no language model");
            return;
        }
        LlmReply reply;
        try {
            reply = llm.get().session(task.taskId(), limits.fresh(), TraceSink.of(client))
                    .chat(List.of(SystemMessage.from(settings.prompt()), UserMessage.from(ask(task))));
        } catch (LlmException e) {
            client.failTask(task, e.getMessage());
            return;
        }
        if (reply.text().isBlank()) {
            client.failTask(task, "the model " + reply.model() + " gave an empty answer");
            return;
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode().put("role", settings.role())
                .put("model", reply.model()).put("answer", reply.text());
        result.putObject("usage").put("tokens_in", reply.tokensIn()).put("tokens_out", reply.tokensOut())
                .put("latency_ms", reply.latency().toMillis()).put("cost_usd", reply.costUsd());
        client.completeTask(task, result);
    }

    /** The task as the model reads it: title, description and input. */
    static String ask(TaskSpec task) {
        StringBuilder s = new StringBuilder("Task: ").append(task.title() == null ? task.taskId() : task.title());
        if (task.description() != null && !task.description().isBlank()) {
            s.append("\n\n").append(task.description());
        }
        if (task.input() != null && !task.input().isNull()) {
            s.append("\n\nInput (JSON):\n").append(task.input().toPrettyString());
        }
        return s.toString();
    }

    /**
     * The {@code role} kind of {@link org.symbi.agents.AgentMain}: the role from {@code SYMBI_ROLE*} and
     * {@code SYMBI_CAPABILITIES}, the model and the task budget from the {@code SYMBI_LLM_*} variables.
     */
    public static final class Kind implements AgentKind {
        @Override
        public String name() {
            return "role";
        }

        @Override
        public BuiltInAgent create(AgentEnv env) {
            RoleSettings settings = RoleSettings.from(env);
            Optional<LlmConfig> provider = LlmConfig.resolve(env.values(), List.of());
            try {
                return new RoleAgent(settings, provider.map(c -> LlmClient.open(c, env.values())),
                        TaskBudget.fromEnvironment(env.values()));
            } catch (IllegalStateException noKey) {
                throw new IllegalArgumentException(noKey.getMessage(), noKey);
            }
        }
    }
}
