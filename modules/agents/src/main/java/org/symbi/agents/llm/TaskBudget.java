package org.symbi.agents.llm;

import java.util.Locale;
import java.util.Map;

/**
 * What one task may spend on models, and what it has spent. A call is refused once the task has used its
 * tokens or money; a call that takes it past a limit is charged and then fails, so the task stops there.
 * Thread-safe: an agent may call models from several threads for one task.
 */
public final class TaskBudget {
    public static final String ENV_TOKENS = "SYMBI_LLM_TASK_TOKENS";
    public static final String ENV_USD = "SYMBI_LLM_TASK_USD";
    public static final long DEFAULT_TOKENS = 200_000;
    public static final double DEFAULT_USD = 2.00;

    private final long maxTokens;
    private final double maxUsd;
    private long tokens;
    private double usd;

    /**
     * @param maxTokens input and output tokens together; 0 for no limit
     * @param maxUsd    the estimated cost in US dollars; 0 for no limit (models without a price count no cost)
     */
    public TaskBudget(long maxTokens, double maxUsd) {
        if (maxTokens < 0 || maxUsd < 0 || Double.isNaN(maxUsd)) {
            throw new IllegalArgumentException("budget limits must not be negative");
        }
        this.maxTokens = maxTokens;
        this.maxUsd = maxUsd;
    }

    public static TaskBudget defaults() {
        return new TaskBudget(DEFAULT_TOKENS, DEFAULT_USD);
    }

    /** The limits from {@value #ENV_TOKENS} and {@value #ENV_USD}, each defaulting when unset. */
    public static TaskBudget fromEnvironment(Map<String, String> env) {
        try {
            String tokens = env.get(ENV_TOKENS);
            String usd = env.get(ENV_USD);
            return new TaskBudget(tokens == null || tokens.isBlank() ? DEFAULT_TOKENS : Long.parseLong(tokens.strip()),
                    usd == null || usd.isBlank() ? DEFAULT_USD : Double.parseDouble(usd.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(ENV_TOKENS + " must be a whole number and " + ENV_USD
                    + " a number of dollars: " + e.getMessage(), e);
        }
    }

    /** A fresh budget with the same limits, for the next task. */
    public TaskBudget fresh() {
        return new TaskBudget(maxTokens, maxUsd);
    }

    /** Refuses a call when the task has nothing left to spend. */
    public synchronized void checkAvailable(String taskId) {
        if (exhausted()) {
            throw new BudgetExceededException("task " + taskId + " has spent its model budget (" + spent()
                    + "); no further model calls");
        }
    }

    /** Charges a call that was made; fails it when the task went past a limit. */
    public synchronized void charge(String taskId, long callTokens, double callUsd) {
        tokens += callTokens;
        usd += callUsd;
        if (exhausted()) {
            throw new BudgetExceededException("task " + taskId + " went over its model budget: " + spent());
        }
    }

    public synchronized long tokensSpent() {
        return tokens;
    }

    public synchronized double usdSpent() {
        return usd;
    }

    public long maxTokens() {
        return maxTokens;
    }

    public double maxUsd() {
        return maxUsd;
    }

    private boolean exhausted() {
        return maxTokens > 0 && tokens >= maxTokens || maxUsd > 0 && usd >= maxUsd;
    }

    private String spent() {
        return tokens + " of " + (maxTokens > 0 ? maxTokens : "unlimited") + " tokens, "
                + String.format(Locale.ROOT, "$%.4f", usd) + " of "
                + (maxUsd > 0 ? String.format(Locale.ROOT, "$%.2f", maxUsd) : "unlimited");
    }
}
