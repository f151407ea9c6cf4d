package org.symbi.kernel;

import org.symbi.kernel.events.KernelEvent;
import org.symbi.kernel.lock.LockOutcome;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.MessageType;

import java.util.Set;
import java.util.function.Supplier;

/**
 * Tells agents about lock changes they did not ask for in the same breath: a lock granted when a vote,
 * an escalation or a hand-off settles in their favour, and a lock taken away by preemption or an expired
 * lease. The agent whose own request caused the change gets the direct reply instead.
 */
final class LockNotices {
    /** Releases the holder caused itself or cannot hear about. */
    private static final Set<String> SILENT_RELEASES = Set.of("released by holder", "holder offline");

    private final Kernel kernel;
    private final Supplier<String> requester;

    LockNotices(Kernel kernel, Supplier<String> requester) {
        this.kernel = kernel;
        this.requester = requester;
        kernel.events().subscribe(KernelEvent.LockAcquired.class, this::acquired);
        kernel.events().subscribe(KernelEvent.LockReleased.class, this::released);
    }

    private void acquired(KernelEvent.LockAcquired e) {
        if (e.holder().equals(requester.get())) {
            return;
        }
        notify(e.holder(), MessageType.RESOURCE_LOCK, new LockOutcome(e.resource(), true, e.holder(),
                e.leaseUntil().toEpochMilli(), null, "granted: the conflict over this resource was settled for you"));
    }

    private void released(KernelEvent.LockReleased e) {
        if (SILENT_RELEASES.contains(e.reason()) || e.holder().equals(requester.get())) {
            return;
        }
        notify(e.holder(), MessageType.RESOURCE_RELEASE, new LockOutcome(e.resource(), false, null, null, null,
                "lock lost: " + e.reason()));
    }

    private void notify(String agentId, MessageType type, LockOutcome outcome) {
        if (!kernel.registry().isKnown(agentId)) {
            return;
        }
        Envelope notice = Envelope.builder().fromAgent(Envelope.ORCHESTRATOR).toAgent(agentId).messageType(type)
                .timestamp(kernel.clock().millis()).payload(kernel.codec().toPayload(outcome)).build();
        // Lock events are raised under the lock manager's monitor: the send must not wait for the disk there.
        Thread.ofVirtual().name("symbi-lock-notice").start(() -> kernel.sendAsKernel(notice));
    }
}
