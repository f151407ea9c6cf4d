package org.symbi.kernel.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.OptionalDouble;

/**
 * Model calls summed, as their {@code llm_response} trace steps reported them. The cost sums the priced
 * calls only ({@code unpricedCalls} counts those whose cost was unknown); the latency sums the calls that
 * reported one ({@code timedCalls}). docs/metrics.md, "Model usage".
 */
public record ModelUsage(long calls, long unpricedCalls, long tokensIn, long tokensOut, double costUsd,
                         long timedCalls, long latencyMs) {
    public static final ModelUsage NONE = new ModelUsage(0, 0, 0, 0, 0, 0, 0);

    /**
     * One call, from the detail of its {@code llm_response} step: {@code tokens_in}, {@code tokens_out},
     * {@code latency_ms} and {@code cost_usd}. A missing token count counts 0; a missing or null cost makes
     * the call unpriced; a missing latency leaves it untimed.
     *
     * @throws IllegalArgumentException when one of those fields holds something else than it should
     */
    public static ModelUsage ofResponse(JsonNode detail) {
        JsonNode d = detail == null ? MissingNode.getInstance() : detail;
        JsonNode cost = d.path("cost_usd");
        JsonNode latency = d.path("latency_ms");
        boolean priced = !cost.isMissingNode() && !cost.isNull();
        boolean timed = !latency.isMissingNode() && !latency.isNull();
        return new ModelUsage(1, priced ? 0 : 1, tokens(d, "tokens_in"), tokens(d, "tokens_out"),
                priced ? amount(cost, "cost_usd") : 0, timed ? 1 : 0, timed ? Math.round(amount(latency, "latency_ms")) : 0);
    }

    private static long tokens(JsonNode detail, String field) {
        JsonNode n = detail.path(field);
        if (n.isMissingNode() || n.isNull()) {
            return 0;
        }
        if (!n.isNumber() || !n.canConvertToExactIntegral() || !n.canConvertToLong() || n.asLong() < 0) {
            throw new IllegalArgumentException("llm_response detail " + field + " must be a whole number of tokens,"
                    + " 0 or more: " + n);
        }
        return n.asLong();
    }

    private static double amount(JsonNode n, String field) {
        if (!n.isNumber() || !(n.asDouble() >= 0) || Double.isInfinite(n.asDouble())) {
            throw new IllegalArgumentException("llm_response detail " + field + " must be a number, 0 or more, or null: " + n);
        }
        return n.asDouble();
    }

    public ModelUsage plus(ModelUsage o) {
        return new ModelUsage(calls + o.calls, unpricedCalls + o.unpricedCalls, tokensIn + o.tokensIn,
                tokensOut + o.tokensOut, costUsd + o.costUsd, timedCalls + o.timedCalls, latencyMs + o.latencyMs);
    }

    /** Input and output tokens together: what a warrant's budget is charged. */
    public long tokens() {
        return tokensIn + tokensOut;
    }

    /** The mean latency of the calls that reported one; empty when none did. */
    public OptionalDouble meanLatencyMs() {
        return timedCalls == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) latencyMs / timedCalls);
    }
}
