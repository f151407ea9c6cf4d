package org.symbi.kernel.lock;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The kernel's answer to a lock request or release, sent back to the agent as the payload of the reply.
 *
 * @param granted      true when the requester holds (or, on release, no longer holds) the lock
 * @param holder       who holds the resource after this call, or null
 * @param leaseUntil   epoch millis when the holder's lease ends, or null
 * @param conflictId   the conflict opened for this request when the resource was taken, or null
 * @param detail       a sentence for people
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LockOutcome(String resource, boolean granted, String holder, Long leaseUntil, String conflictId,
                          String detail) {

    /** The requester holds the lock now. */
    static LockOutcome granted(Lease lease, String conflictId, String detail) {
        return new LockOutcome(lease.resource(), true, lease.holder(), lease.leaseUntil().toEpochMilli(), conflictId,
                detail);
    }

    /** The requester does not get (or cannot release) the lock; {@code current} is who has it, if anyone. */
    static LockOutcome refused(String resource, Lease current, String conflictId, String detail) {
        return new LockOutcome(resource, false, current == null ? null : current.holder(),
                current == null ? null : current.leaseUntil().toEpochMilli(), conflictId, detail);
    }

    /** The requester no longer holds the lock; {@code next} is whoever it passed to, if anyone. */
    static LockOutcome released(String resource, Lease next, String conflictId, String detail) {
        return new LockOutcome(resource, true, next == null ? null : next.holder(),
                next == null ? null : next.leaseUntil().toEpochMilli(), conflictId, detail);
    }
}
