package org.symbi.app.ui.metrics;

import org.symbi.kernel.metrics.ModelUsage;

import java.util.Locale;

/** One agent's model calls, as the model usage table shows them. */
public record ModelUsageRow(String agentId, ModelUsage usage) {
    /**
     * The estimated cost in dollars; calls whose price is unknown are named rather than counted as free:
     * "$0.0046", "$0.0046 + 1 unpriced", or "unknown" when no call was priced.
     */
    public String costText() {
        long unpriced = usage.unpricedCalls();
        if (unpriced > 0 && unpriced == usage.calls()) {
            return "unknown";
        }
        String dollars = String.format(Locale.ROOT, "$%.4f", usage.costUsd());
        return unpriced == 0 ? dollars : dollars + " + " + unpriced + " unpriced";
    }

    /** The mean latency, or a dash when no call reported one. */
    public String meanLatencyText() {
        return usage.meanLatencyMs().isPresent() ? MetricsViewModel.duration(usage.meanLatencyMs().getAsDouble())
                : MetricTile.NONE;
    }
}
