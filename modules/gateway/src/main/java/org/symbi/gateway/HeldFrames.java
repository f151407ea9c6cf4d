package org.symbi.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends the frames that sessions hold back at the latest after a short delay. A session holds a frame that may
 * wait (the receipt of a transient message to other agents) so that it leaves with the next frame to the same
 * agent, often the answer, in one write instead of two. The sweeping thread sleeps once nothing was held for
 * a while, so an idle room does not pay for it.
 */
final class HeldFrames implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HeldFrames.class);

    /** What the sweeper asks of a session: send whatever it holds. */
    interface Holder {
        void sendHeld();
    }

    /**
     * Sweeps that found nothing before the sweeper sleeps until woken: while frames keep being held (a
     * conversation), waking it for each would cost more than the sweeps it saves.
     */
    private static final int QUIET_SWEEPS_BEFORE_SLEEP = 50;

    private final long delayNanos;
    private final Set<Holder> holding = ConcurrentHashMap.newKeySet();
    private final Thread sweeper;
    private volatile boolean dormant;
    private volatile boolean closed;

    HeldFrames(Duration delay) {
        this.delayNanos = delay.toNanos();
        this.sweeper = Thread.ofPlatform().name("symbi-gateway-held").daemon(true).unstarted(this::sweep);
        sweeper.start();
    }

    /** {@code holder} holds a frame now; it is asked to send it within two delays unless it sends it first. */
    void holds(Holder holder) {
        if (holding.add(holder) && dormant) {
            LockSupport.unpark(sweeper);
        }
    }

    private void sweep() {
        int quietSweeps = 0;
        while (!closed) {
            if (holding.isEmpty() && quietSweeps >= QUIET_SWEEPS_BEFORE_SLEEP) {
                dormant = true;
                // a holder added between the check above and this flag being seen unparks; recheck before parking
                if (holding.isEmpty()) {
                    LockSupport.park(this);
                }
                dormant = false;
                quietSweeps = 0;
                continue;
            }
            LockSupport.parkNanos(this, delayNanos);
            quietSweeps = holding.isEmpty() ? quietSweeps + 1 : 0;
            for (Holder h : holding) {
                holding.remove(h);
                try {
                    h.sendHeld();
                } catch (RuntimeException e) {
                    // one session's fault must not leave the others' frames held for good
                    LOG.warn("sending held frames failed", e);
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(sweeper);
    }
}
