package org.symbi.kernel.metrics;

import org.symbi.protocol.HealthStatus;

/**
 * Every metric formula, as pure functions of counts, so that each can be checked against a value worked
 * out by hand. docs/metrics.md states the same formulas with their inputs, windows and worked examples;
 * a change here belongs there too.
 */
public final class MetricsFormulas {
    /** Trust lost per stale result refused within the penalty window. */
    public static final double STALE_PENALTY = 0.10;
    /** Trust lost per guard trip (rate limit, loop) within the penalty window. */
    public static final double GUARD_PENALTY = 0.05;
    /** Trust lost per delivery to the agent that was dead-lettered within the penalty window. */
    public static final double DEAD_LETTER_PENALTY = 0.02;

    /** Weight of the workflow share in the collaboration score when both of its parts are defined. */
    public static final double WORKFLOW_WEIGHT = 0.7;

    /** Offline share of registered agents at which the system is degraded, and critical. */
    public static final double OFFLINE_DEGRADED = 0.2;
    public static final double OFFLINE_CRITICAL = 0.5;
    /** Dead letters within the health window at which the system is degraded, and critical. */
    public static final long DEAD_LETTERS_DEGRADED = 1;
    public static final long DEAD_LETTERS_CRITICAL = 100;
    /** Share of registered agents whose circuit breaker tripped within the health window that is critical. */
    public static final double BREAKERS_CRITICAL = 0.5;

    private MetricsFormulas() {
    }

    /** completed / (completed + failed); 0 until the agent has an outcome. */
    public static double successRate(long completed, long failed) {
        long outcomes = completed + failed;
        return outcomes == 0 ? 0.0 : completed / (double) outcomes;
    }

    /** Mean of the summed durations; 0 when there are none. */
    public static double average(double total, long count) {
        return count == 0 ? 0.0 : total / count;
    }

    /**
     * (completed + 1) / (completed + failed + 2), the success estimate with a uniform prior (a newcomer is
     * trusted 0.5, not 0 or 1), times (1 − penalty) where the penalty is
     * min(1, 0.10·stale + 0.05·guardTrips + 0.02·deadLetters) over the penalty window.
     */
    public static double trust(long completed, long failed, long staleResults, long guardTrips, long deadLetters) {
        double estimate = (completed + 1.0) / (completed + failed + 2.0);
        double penalty = Math.min(1.0, STALE_PENALTY * staleResults + GUARD_PENALTY * guardTrips
                + DEAD_LETTER_PENALTY * deadLetters);
        return estimate * (1.0 - penalty);
    }

    /**
     * 0.7·W + 0.3·R, where W = collaborative completions / completions (the share of the agent's completed
     * tasks that belonged to a workflow two or more agents worked on) and R = invites answered / invites
     * received (at most 1). When only one of W and R is defined it is the score; when neither is, 0.
     */
    public static double collaboration(long completed, long collaborativeCompleted, long invitesReceived,
                                       long invitesAnswered) {
        boolean hasW = completed > 0;
        boolean hasR = invitesReceived > 0;
        double w = hasW ? collaborativeCompleted / (double) completed : 0.0;
        double r = hasR ? Math.min(1.0, invitesAnswered / (double) invitesReceived) : 0.0;
        if (hasW && hasR) {
            return WORKFLOW_WEIGHT * w + (1 - WORKFLOW_WEIGHT) * r;
        }
        return hasW ? w : r;
    }

    /** Messages per second between two samples of the accepted-messages counter; 0 over no time. */
    public static double throughput(long messages, long elapsedMillis) {
        return elapsedMillis <= 0 ? 0.0 : messages * 1000.0 / elapsedMillis;
    }

    /** resolved / opened; 1 when nothing was opened, as there is nothing left unresolved. */
    public static double conflictResolutionRate(long opened, long resolved) {
        return opened == 0 ? 1.0 : Math.min(1.0, resolved / (double) opened);
    }

    /**
     * CRITICAL when agents are registered and none is online, half or more of them are offline, 100 or
     * more dead letters fell in the window, or half or more of them tripped their circuit breaker;
     * DEGRADED when a fifth or more are offline, any dead letter fell, or any breaker tripped; else HEALTHY.
     */
    public static HealthStatus health(int totalAgents, int onlineAgents, long deadLetters, int breakersTripped) {
        double offlineShare = totalAgents == 0 ? 0.0 : (totalAgents - onlineAgents) / (double) totalAgents;
        double breakerShare = totalAgents == 0 ? 0.0 : breakersTripped / (double) totalAgents;
        if ((totalAgents > 0 && onlineAgents == 0) || offlineShare >= OFFLINE_CRITICAL
                || deadLetters >= DEAD_LETTERS_CRITICAL || breakerShare >= BREAKERS_CRITICAL) {
            return HealthStatus.CRITICAL;
        }
        if (offlineShare >= OFFLINE_DEGRADED || deadLetters >= DEAD_LETTERS_DEGRADED || breakersTripped > 0) {
            return HealthStatus.DEGRADED;
        }
        return HealthStatus.HEALTHY;
    }
}
