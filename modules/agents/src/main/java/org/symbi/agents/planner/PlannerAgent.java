package org.symbi.agents.planner;

import com.fasterxml.jackson.databind.JsonNode;
import org.symbi.agents.AgentEnv;
import org.symbi.agents.AgentKind;
import org.symbi.agents.BuiltInAgent;
import org.symbi.agents.Capabilities;
import org.symbi.agents.llm.LlmConfig;
import org.symbi.agents.llm.LlmException;
import org.symbi.agents.llm.TraceSink;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.TaskSpec;
import org.symbi.protocol.Tier;
import org.symbi.sdk.AgentClient;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The planner as an agent: takes {@code plan} tasks and completes each with the plan of its request
 * ({@link Plan#toDetailedJson()}), reasoning traced to the room. The request is the task input's
 * {@code request}, else its description, else its title; the input's {@code capabilities} (those of
 * connected agents) widen what the plan may use. It works with or without a model: without one the rules
 * plan, and say so in the trace and the result.
 */
public final class PlannerAgent implements BuiltInAgent {
    public static final String AGENT_TYPE = "planner";
    /** Planning is short and independent: several requests may be planned at once. */
    private static final int CONCURRENT_TASKS = 4;

    private final Planner planner;
    private final Optional<LlmConfig> model;

    public PlannerAgent(Planner planner, Optional<LlmConfig> model) {
        this.planner = planner;
        this.model = model;
    }

    /** The model's planner when a provider is configured, else the rules. */
    public static PlannerAgent configured(Optional<LlmConfig> provider, Map<String, String> env) {
        return new PlannerAgent(Planner.configured(provider, env), provider);
    }

    /** What the agent registers with: the {@code plan} capability, and its model when it has one. */
    @Override
    public AgentCard card(String agentId) {
        return new AgentCard(agentId, AGENT_TYPE, Tier.WORKER, List.of(Capabilities.PLAN), null, null, null, null,
                model.map(LlmConfig::modelInfo).orElse(null), CONCURRENT_TASKS);
    }

    @Override
    public void onTask(AgentClient client, TaskSpec task, Envelope request) {
        Set<String> capabilities = new TreeSet<>(Capabilities.BUILT_IN);
        if (task.input() != null) {
            task.input().path("capabilities").forEach(c -> capabilities.add(c.asText()));
        }
        try {
            Plan plan = planner.plan(requestOf(task), capabilities, task.taskId(), TraceSink.of(client));
            client.completeTask(task, plan.toDetailedJson());
        } catch (PlanningException | LlmException e) {
            client.failTask(task, e.getMessage());
        }
    }

    private static String requestOf(TaskSpec task) {
        JsonNode input = task.input() == null ? null : task.input().get("request");
        if (input != null && input.isTextual() && !input.asText().isBlank()) {
            return input.asText();
        }
        return task.description() != null && !task.description().isBlank() ? task.description() : task.title();
    }

    /** The {@code planner} kind: the model the environment names ({@code SYMBI_LLM_*}), else the rules. */
    public static final class Kind implements AgentKind {
        @Override
        public String name() {
            return "planner";
        }

        @Override
        public BuiltInAgent create(AgentEnv env) {
            return configured(env.languageModel(), env.values());
        }
    }
}
