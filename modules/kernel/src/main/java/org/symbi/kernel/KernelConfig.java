package org.symbi.kernel;

import java.time.Duration;

/**
 * Tunables of the kernel. The defaults are what the product ships; tests and benchmarks override some.
 *
 * @param heartbeatTimeout     silence after which an agent is marked offline (the sweep runs every tick,
 *                             so an agent is offline at most {@code heartbeatTimeout + tickInterval} after
 *                             its last heartbeat); agents are asked to beat three times as often
 * @param maxHeartbeatsPerSecond heartbeats per second the room asks of all its agents together at most: with
 *                             more agents online than that many per third of {@code heartbeatTimeout}, each
 *                             is asked to beat less often, and is allowed three of its intervals of silence;
 *                             50 by default, Nomad's default for its clients
 * @param ackTimeout           how long a delivery may stay unacknowledged before it is delivered again
 * @param maxDeliveries        deliveries of one message before it goes to the dead-letter lane
 * @param deliveryWindow       unacknowledged deliveries one agent may hold at once (backpressure)
 * @param memoryLaneLimit      messages one lane of one inbox keeps in memory; durable ones beyond it wait
 *                             on disk, transient ones beyond it are dropped
 * @param ratePerSecond        messages one agent may send per second
 * @param maxHops              hop count above which a message is refused as a probable loop
 * @param maxChainRepeats      times the same sender→recipient edge may recur in one causal chain
 * @param dedupWindow          recent message ids remembered for duplicate detection; rebuilt from the stored
 *                             messages at start
 * @param doneRetention        how long delivered durable messages stay on disk for dedup and inspection
 * @param responseTimeout      default wait for a reply to a message that requires one
 * @param tickInterval         period of the kernel's housekeeping tick
 * @param groupCommitMax       largest batch of durable messages written in one transaction and sync
 * @param taskTimeout          how long an agent may hold an assignment without a result before the attempt
 *                             counts as failed and the task is retried; time spent waiting for people to
 *                             decide an approval the task asked for does not count
 */
public record KernelConfig(
        Duration heartbeatTimeout,
        int maxHeartbeatsPerSecond,
        Duration ackTimeout,
        int maxDeliveries,
        int deliveryWindow,
        int memoryLaneLimit,
        int ratePerSecond,
        int maxHops,
        int maxChainRepeats,
        int dedupWindow,
        Duration doneRetention,
        Duration responseTimeout,
        Duration tickInterval,
        int groupCommitMax,
        Duration taskTimeout) {

    public static KernelConfig defaults() {
        return new KernelConfig(
                Duration.ofSeconds(10),
                50,
                Duration.ofSeconds(30),
                5,
                256,
                10_000,
                2_000,
                16,
                8,
                1_000_000,
                Duration.ofHours(24),
                Duration.ofSeconds(60),
                Duration.ofMillis(250),
                2_048,
                Duration.ofMinutes(10));
    }

    /** A builder that starts from these values: {@code KernelConfig.defaults().toBuilder().ackTimeout(d).build()}. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public static final class Builder {
        private Duration heartbeatTimeout;
        private int maxHeartbeatsPerSecond;
        private Duration ackTimeout;
        private int maxDeliveries;
        private int deliveryWindow;
        private int memoryLaneLimit;
        private int ratePerSecond;
        private int maxHops;
        private int maxChainRepeats;
        private int dedupWindow;
        private Duration doneRetention;
        private Duration responseTimeout;
        private Duration tickInterval;
        private int groupCommitMax;
        private Duration taskTimeout;

        private Builder(KernelConfig c) {
            heartbeatTimeout = c.heartbeatTimeout;
            maxHeartbeatsPerSecond = c.maxHeartbeatsPerSecond;
            ackTimeout = c.ackTimeout;
            maxDeliveries = c.maxDeliveries;
            deliveryWindow = c.deliveryWindow;
            memoryLaneLimit = c.memoryLaneLimit;
            ratePerSecond = c.ratePerSecond;
            maxHops = c.maxHops;
            maxChainRepeats = c.maxChainRepeats;
            dedupWindow = c.dedupWindow;
            doneRetention = c.doneRetention;
            responseTimeout = c.responseTimeout;
            tickInterval = c.tickInterval;
            groupCommitMax = c.groupCommitMax;
            taskTimeout = c.taskTimeout;
        }

        public Builder heartbeatTimeout(Duration v) {
            heartbeatTimeout = v;
            return this;
        }

        public Builder maxHeartbeatsPerSecond(int v) {
            maxHeartbeatsPerSecond = v;
            return this;
        }

        public Builder ackTimeout(Duration v) {
            ackTimeout = v;
            return this;
        }

        public Builder maxDeliveries(int v) {
            maxDeliveries = v;
            return this;
        }

        public Builder deliveryWindow(int v) {
            deliveryWindow = v;
            return this;
        }

        public Builder memoryLaneLimit(int v) {
            memoryLaneLimit = v;
            return this;
        }

        public Builder ratePerSecond(int v) {
            ratePerSecond = v;
            return this;
        }

        public Builder maxHops(int v) {
            maxHops = v;
            return this;
        }

        public Builder maxChainRepeats(int v) {
            maxChainRepeats = v;
            return this;
        }

        public Builder dedupWindow(int v) {
            dedupWindow = v;
            return this;
        }

        public Builder doneRetention(Duration v) {
            doneRetention = v;
            return this;
        }

        public Builder responseTimeout(Duration v) {
            responseTimeout = v;
            return this;
        }

        public Builder tickInterval(Duration v) {
            tickInterval = v;
            return this;
        }

        public Builder groupCommitMax(int v) {
            groupCommitMax = v;
            return this;
        }

        public Builder taskTimeout(Duration v) {
            taskTimeout = v;
            return this;
        }

        public KernelConfig build() {
            return new KernelConfig(heartbeatTimeout, maxHeartbeatsPerSecond, ackTimeout, maxDeliveries, deliveryWindow, memoryLaneLimit, ratePerSecond, maxHops, maxChainRepeats, dedupWindow, doneRetention, responseTimeout, tickInterval, groupCommitMax, taskTimeout);
        }
    }
}
