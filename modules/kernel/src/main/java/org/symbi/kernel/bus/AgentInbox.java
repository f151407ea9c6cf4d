package org.symbi.kernel.bus;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One agent's inbox: four priority lanes, the deliveries it has not acknowledged yet, and where to push
 * new ones. One thread at a time pushes to the sink ({@code pumping}), so the agent sees deliveries in the
 * order they were taken from the lanes. Nothing outside the inbox is called while its lock is held: the
 * host's callbacks and the sink run after unlocking, so no lock order with the rest of the kernel exists.
 */
final class AgentInbox {
    private static final Logger LOG = LoggerFactory.getLogger(AgentInbox.class);

    /** What the inbox needs from the bus around it. */
    interface Host {
        long nextDeliveryId();

        long nowMillis();

        /** Loads durable messages of one lane that were kept on disk only, oldest first, seq in [from, to]. */
        BusStore.Loaded loadSpilled(String agentId, int lane, long fromSeq, long toSeq, int limit);

        void delivered(Delivery d);

        void acked(BusMessage m, long deliveryId);

        void deadLettered(BusMessage m);

        void dropped(BusMessage m, String reason);
    }

    private record InFlight(BusMessage message, long deadline) {
    }

    /** What became of a message taken out of the inbox, told to the host once the lock is released. */
    private record Outcome(BusMessage message, String dropReason) {
        void report(Host host) {
            if (dropReason == null) {
                host.deadLettered(message);
            } else {
                host.dropped(message, dropReason);
            }
        }
    }

    private static final int PUSH_BATCH = 64;

    final String agentId;
    private final Host host;
    private final int laneLimit;
    private final long ackTimeoutMillis;
    private final int maxDeliveries;
    private final ReentrantLock lock = new ReentrantLock();
    private final Lanes lanes = new Lanes();
    private final Map<Long, InFlight> inFlight = new HashMap<>();
    /** Per lane: the first seq of the durable messages kept on disk only, or -1 when none are. */
    private final long[] spilledFrom = {-1, -1, -1, -1};
    private final long[] spilledCount = new long[Lanes.COUNT];
    /** Per lane: the highest durable seq offered so far; a refill never reads past it. */
    private final long[] lastOffered = {-1, -1, -1, -1};
    private DeliverySink sink;
    private int window;
    private boolean pumping;

    AgentInbox(String agentId, Host host, int laneLimit, long ackTimeoutMillis, int maxDeliveries) {
        this.agentId = agentId;
        this.host = host;
        this.laneLimit = laneLimit;
        this.ackTimeoutMillis = ackTimeoutMillis;
        this.maxDeliveries = maxDeliveries;
    }

    /** Adds an accepted message and pushes what the agent has room for. */
    void offer(BusMessage m) {
        String dropReason = null;
        lock.lock();
        try {
            int lane = m.lane();
            if (!m.durable()) {
                if (sink == null) {
                    dropReason = "recipient not connected";
                } else if (lanes.size(lane) >= laneLimit) {
                    dropReason = "inbox lane full";
                } else {
                    lanes.add(m);
                }
            } else {
                lastOffered[lane] = Math.max(lastOffered[lane], m.seq());
                boolean olderThanSpill = spilledFrom[lane] >= 0 && m.seq() < spilledFrom[lane];
                if (olderThanSpill || (spilledFrom[lane] < 0 && lanes.size(lane) < laneLimit)) {
                    // An older message (a revived dead letter) goes to memory: the refill reads from the spill on.
                    lanes.add(m);
                } else {
                    if (spilledFrom[lane] < 0) {
                        spilledFrom[lane] = m.seq();
                    }
                    spilledCount[lane]++;
                }
            }
        } finally {
            lock.unlock();
        }
        if (dropReason != null) {
            host.dropped(m, dropReason);
            return;
        }
        pump();
    }

    void attach(DeliverySink newSink, int newWindow) {
        lock.lock();
        try {
            sink = newSink;
            window = newWindow;
        } finally {
            lock.unlock();
        }
        pump();
    }

    /**
     * Disconnects the sink, if it is still the given one: unacknowledged durable deliveries wait, in their
     * original order, for the next connection (a disconnect does not count as a delivery attempt).
     */
    void detach(DeliverySink expected) {
        List<Outcome> outcomes = new ArrayList<>();
        lock.lock();
        try {
            if (expected != null && sink != expected) {
                return;
            }
            sink = null;
            List<BusMessage> back = inFlight.values().stream().map(InFlight::message)
                    .sorted(Comparator.comparingLong(BusMessage::seq).reversed()).toList();
            inFlight.clear();
            for (BusMessage m : back) {
                if (m.durable()) {
                    lanes.addFirst(m.withAttempts(m.attempts() - 1));
                } else {
                    outcomes.add(new Outcome(m, "recipient disconnected"));
                }
            }
            lanes.removeIf(m -> {
                if (!m.durable()) {
                    outcomes.add(new Outcome(m, "recipient disconnected"));
                    return true;
                }
                return false;
            });
        } finally {
            lock.unlock();
        }
        outcomes.forEach(o -> o.report(host));
    }

    /** Acknowledges one delivery; false if the id is unknown or belongs to an attempt that expired. */
    boolean ack(long deliveryId) {
        InFlight f;
        lock.lock();
        try {
            f = inFlight.remove(deliveryId);
        } finally {
            lock.unlock();
        }
        if (f == null) {
            return false;
        }
        host.acked(f.message(), deliveryId);
        pump();
        return true;
    }

    /** Takes up to {@code max} deliveries for an agent that pulls instead of holding a connection. */
    List<Delivery> poll(int max, int pullWindow) {
        List<Delivery> out;
        lock.lock();
        try {
            out = takeLocked(Math.min(max, Math.max(0, pullWindow - inFlight.size())));
        } finally {
            lock.unlock();
        }
        out.forEach(host::delivered);
        return out;
    }

    /** Redelivers (or dead-letters) deliveries whose ack did not come in time. */
    void expire(long nowMillis) {
        List<Outcome> outcomes = new ArrayList<>();
        lock.lock();
        try {
            if (inFlight.isEmpty() && lanes.size() == 0 && nothingSpilled()) {
                // the common case every tick, a thousand times over in an idle fleet: nothing to time out or push
                return;
            }
            Iterator<InFlight> it = inFlight.values().iterator();
            while (it.hasNext()) {
                InFlight f = it.next();
                if (f.deadline() <= nowMillis) {
                    it.remove();
                    BusMessage m = f.message();
                    if (!m.durable()) {
                        outcomes.add(new Outcome(m, "ack timeout"));
                    } else if (m.attempts() >= maxDeliveries) {
                        outcomes.add(new Outcome(m, null));
                    } else {
                        lanes.addFirst(m);
                    }
                }
            }
        } finally {
            lock.unlock();
        }
        outcomes.forEach(o -> o.report(host));
        pump();
    }

    /** No lane has messages set aside on disk: the refill's own test ({@link #refillIfDrained}), for every lane. */
    private boolean nothingSpilled() {
        for (long from : spilledFrom) {
            if (from >= 0) {
                return false;
            }
        }
        return true;
    }

    /** Pushes deliveries to the sink while the agent has room; one pusher at a time. */
    void pump() {
        while (true) {
            List<Delivery> batch;
            DeliverySink target;
            lock.lock();
            try {
                if (sink == null || pumping) {
                    return;
                }
                target = sink;
                int room = (window > 0 ? window : PUSH_BATCH) - inFlight.size();
                batch = takeLocked(Math.min(PUSH_BATCH, room));
                if (batch.isEmpty()) {
                    return;
                }
                pumping = true;
            } finally {
                lock.unlock();
            }
            try {
                for (Delivery d : batch) {
                    host.delivered(d);
                    try {
                        target.deliver(d);
                    } catch (RuntimeException e) {
                        // The delivery stays in flight: the ack timeout brings it back.
                        LOG.warn("delivery {} to {} failed: {}", d.deliveryId(), agentId, e.toString());
                    }
                }
            } finally {
                lock.lock();
                try {
                    pumping = false;
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    private List<Delivery> takeLocked(int max) {
        if (max <= 0) {
            return List.of();
        }
        for (int lane = 0; lane < Lanes.COUNT; lane++) {
            refillIfDrained(lane);
        }
        List<Delivery> out = new ArrayList<>(Math.min(max, lanes.size()));
        long deadline = host.nowMillis() + ackTimeoutMillis;
        while (out.size() < max) {
            BusMessage m = lanes.next();
            if (m == null) {
                break;
            }
            BusMessage attempt = m.withAttempts(m.attempts() + 1);
            long id = host.nextDeliveryId();
            inFlight.put(id, new InFlight(attempt, deadline));
            out.add(new Delivery(id, agentId, attempt.envelope(), attempt.encoded(), attempt.attempts(),
                    attempt.durable()));
            refillIfDrained(attempt.lane());
        }
        return out;
    }

    private void refillIfDrained(int lane) {
        if (spilledFrom[lane] < 0 || lanes.size(lane) > laneLimit / 2) {
            return;
        }
        int limit = Math.max(1, laneLimit / 2);
        BusStore.Loaded loaded = host.loadSpilled(agentId, lane, spilledFrom[lane], lastOffered[lane], limit);
        for (BusMessage m : loaded.messages()) {
            lanes.add(m);
        }
        spilledCount[lane] = Math.max(0, spilledCount[lane] - loaded.rows());
        if (loaded.rows() < limit) {
            spilledFrom[lane] = -1;
            spilledCount[lane] = 0;
        } else {
            spilledFrom[lane] = loaded.lastSeq() + 1;
        }
    }

    InboxDepth depth() {
        lock.lock();
        try {
            long[] perLane = new long[Lanes.COUNT];
            for (int i = 0; i < Lanes.COUNT; i++) {
                perLane[i] = lanes.size(i) + spilledCount[i];
            }
            return new InboxDepth(agentId, perLane, inFlight.size(), sink != null);
        } finally {
            lock.unlock();
        }
    }

    /** The envelopes waiting in one lane (memory only), oldest first, at most {@code max}. */
    List<BusMessage> peek(int lane, int max) {
        lock.lock();
        try {
            List<BusMessage> out = new ArrayList<>();
            for (BusMessage m : lanes.lane(lane)) {
                if (out.size() >= max) {
                    break;
                }
                out.add(m);
            }
            return out;
        } finally {
            lock.unlock();
        }
    }
}
