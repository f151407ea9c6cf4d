package org.symbi.agents.planner;

import org.symbi.agents.llm.LlmClient;
import org.symbi.agents.llm.LlmConfig;
import org.symbi.agents.llm.TaskBudget;
import org.symbi.agents.llm.TraceSink;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Breaks a request into a task DAG. */
public interface Planner {

    /**
     * @param request      what a person asked for, in their words
     * @param capabilities every capability some agent holds: the built-in agents' and connected agents'
     * @param taskId       the planning task the trace steps belong to, or null outside a task
     * @param trace        where the planner reports its reasoning
     * @throws PlanningException when no valid plan could be made
     */
    Plan plan(String request, Collection<String> capabilities, String taskId, TraceSink trace);

    /**
     * The model's planner when a provider is configured, else the rules.
     *
     * @param env the environment the API key and the budget limits are read from
     * @throws IllegalStateException when the provider needs a key that {@code env} lacks
     */
    static Planner configured(Optional<LlmConfig> provider, Map<String, String> env) {
        return provider.<Planner>map(c -> new LlmPlanner(LlmClient.open(c, env), TaskBudget.fromEnvironment(env),
                LlmPlanner.DEFAULT_RETRIES)).orElseGet(RulePlanner::new);
    }
}
