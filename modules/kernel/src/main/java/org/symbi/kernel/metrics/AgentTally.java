package org.symbi.kernel.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** The counters kept for one agent since the kernel started; updated from event threads without locks. */
final class AgentTally {
    /** Penalties count toward trust for this many minutes. */
    static final int PENALTY_WINDOW_MINUTES = 60;

    final LongAdder completed = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder responseMillis = new LongAdder();
    final LongAdder responses = new LongAdder();
    /** Completions in collaborative workflows the collector no longer tracks. */
    final LongAdder retiredCollaborative = new LongAdder();
    final LongAdder invitesReceived = new LongAdder();
    final LongAdder invitesAnswered = new LongAdder();
    final MinuteWindow staleResults = new MinuteWindow(PENALTY_WINDOW_MINUTES);
    final MinuteWindow guardTrips = new MinuteWindow(PENALTY_WINDOW_MINUTES);
    final MinuteWindow deadLetters = new MinuteWindow(PENALTY_WINDOW_MINUTES);
    /** Invites this agent received and has not answered yet, by inviter. */
    private final Map<String, AtomicInteger> pendingInvites = new ConcurrentHashMap<>();

    void invitedBy(String inviter) {
        invitesReceived.increment();
        pendingInvites.computeIfAbsent(inviter, k -> new AtomicInteger()).incrementAndGet();
    }

    /** This agent messaged {@code recipient}: counts as an answer if that agent is waiting for one. */
    void repliedTo(String recipient) {
        AtomicInteger pending = pendingInvites.get(recipient);
        if (pending != null && pending.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            invitesAnswered.increment();
        }
    }
}
