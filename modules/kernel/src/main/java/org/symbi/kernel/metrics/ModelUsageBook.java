package org.symbi.kernel.metrics;

import org.symbi.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Model usage per agent and per task (table model_usage). Each {@code llm_response} step is added in the
 * transaction that stores it; the per-agent totals are also kept in memory, loaded at start, so that the
 * metrics read them without the database. docs/metrics.md, "Model usage".
 */
public final class ModelUsageBook {
    /** The task column's value for calls made outside any task. */
    private static final String NO_TASK = "";
    private static final String SUMS = "COALESCE(SUM(calls), 0), COALESCE(SUM(unpriced_calls), 0),"
            + " COALESCE(SUM(tokens_in), 0), COALESCE(SUM(tokens_out), 0), COALESCE(SUM(cost_usd), 0),"
            + " COALESCE(SUM(timed_calls), 0), COALESCE(SUM(latency_ms), 0)";

    private final Database db;
    private final Map<String, ModelUsage> byAgent = new ConcurrentHashMap<>();

    public ModelUsageBook(Database db) {
        this.db = db;
        db.read(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT agent_id, " + SUMS + " FROM model_usage GROUP BY agent_id");
                 ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    byAgent.put(rs.getString(1), usage(rs, 2));
                }
            }
            return null;
        });
    }

    /** Adds one call to its agent's and task's row, in the caller's transaction (the one storing the step). */
    public void write(Connection c, String agentId, String taskId, ModelUsage call) throws SQLException {
        try (PreparedStatement merge = c.prepareStatement("MERGE INTO model_usage u"
                + " USING (VALUES (CAST(? AS VARCHAR(128)), CAST(? AS VARCHAR(128)), CAST(? AS BIGINT),"
                + " CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS DOUBLE), CAST(? AS BIGINT),"
                + " CAST(? AS BIGINT)))"
                + " v (agent_id, task_id, calls, unpriced_calls, tokens_in, tokens_out, cost_usd, timed_calls, latency_ms)"
                + " ON u.agent_id = v.agent_id AND u.task_id = v.task_id"
                + " WHEN MATCHED THEN UPDATE SET calls = u.calls + v.calls, unpriced_calls = u.unpriced_calls + v.unpriced_calls,"
                + " tokens_in = u.tokens_in + v.tokens_in, tokens_out = u.tokens_out + v.tokens_out,"
                + " cost_usd = u.cost_usd + v.cost_usd, timed_calls = u.timed_calls + v.timed_calls,"
                + " latency_ms = u.latency_ms + v.latency_ms"
                + " WHEN NOT MATCHED THEN INSERT VALUES (v.agent_id, v.task_id, v.calls, v.unpriced_calls, v.tokens_in,"
                + " v.tokens_out, v.cost_usd, v.timed_calls, v.latency_ms)")) {
            merge.setString(1, agentId);
            merge.setString(2, taskId == null ? NO_TASK : taskId);
            merge.setLong(3, call.calls());
            merge.setLong(4, call.unpricedCalls());
            merge.setLong(5, call.tokensIn());
            merge.setLong(6, call.tokensOut());
            merge.setDouble(7, call.costUsd());
            merge.setLong(8, call.timedCalls());
            merge.setLong(9, call.latencyMs());
            merge.executeUpdate();
        }
    }

    /** Counts a call in its agent's totals once the step that reported it is committed. */
    public void counted(String agentId, ModelUsage call) {
        byAgent.merge(agentId, call, ModelUsage::plus);
    }

    /** The agent's totals since the room's database was created; {@link ModelUsage#NONE} if it made no call. */
    public ModelUsage forAgent(String agentId) {
        return byAgent.getOrDefault(agentId, ModelUsage.NONE);
    }

    /** Every agent that made a call, by id. */
    public Map<String, ModelUsage> byAgent() {
        return new TreeMap<>(byAgent);
    }

    /** The task's totals over every agent that worked on it (a database read). */
    public ModelUsage forTask(String taskId) {
        return db.read(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT " + SUMS + " FROM model_usage WHERE task_id = ?")) {
                q.setString(1, taskId);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    return usage(rs, 1);
                }
            }
        });
    }

    private static ModelUsage usage(ResultSet rs, int first) throws SQLException {
        return new ModelUsage(rs.getLong(first), rs.getLong(first + 1), rs.getLong(first + 2), rs.getLong(first + 3),
                rs.getDouble(first + 4), rs.getLong(first + 5), rs.getLong(first + 6));
    }
}
