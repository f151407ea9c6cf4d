package org.symbi.kernel.bus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One agent's inbox: four priority lanes, the deliveries it has not acknowledged yet, and where to push
 * new ones. One thread at a time pushes to the sink ({@code pumping}), so the agent sees deliveries in the
 * order they were taken from the lanes.
 */
final class AgentInbox {
    /** What the inbox needs from the bus around it. */
    interface Host {
        long nextDeliveryId();

        long nowMillis();

        /** Loads durable messages of one lane that were kept on disk only, oldest first. */
        List<BusMessage> loadSpilled(String agentId, int lane, long fromSeq, int limit);

        void delivered(BusMessage m, Delivery d);

        void acked(BusMessage m, long deliveryId);

        void expired(BusMessage m, boolean deadLetter);

        void dropped(BusMessage m, String reason);
    }

    private record InFlight(BusMessage message, long deadline) {
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
        lock.lock();
        try {
            if (!m.durable() && sink == null) {
                host.dropped(m, "recipient not connected");
                return;
            }
            int lane = m.lane();
            if (spilledFrom[lane] >= 0 || lanes.size(lane) >= laneLimit) {
                if (!m.durable()) {
                    host.dropped(m, "inbox lane full");
                    return;
                }
                if (spilledFrom[lane] < 0) {
                    spilledFrom[lane] = m.seq();
                }
                spilledCount[lane]++;
                return;
            }
            lanes.add(m);
        } finally {
            lock.unlock();
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

    /** Disconnects the sink: unacknowledged durable deliveries wait for the next connection. */
    void detach() {
        lock.lock();
        try {
            sink = null;
            for (InFlight f : inFlight.values()) {
                requeueOrDrop(f.message(), "recipient disconnected");
            }
            inFlight.clear();
            lanes.removeIf(m -> {
                if (!m.durable()) {
                    host.dropped(m, "recipient disconnected");
                    return true;
                }
                return false;
            });
        } finally {
            lock.unlock();
        }
    }

    boolean attached() {
        lock.lock();
        try {
            return sink != null;
        } finally {
            lock.unlock();
        }
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
    List<Delivery> poll(int max) {
        List<Delivery> out;
        lock.lock();
        try {
            out = takeLocked(Math.min(max, Math.max(0, window() - inFlight.size())));
        } finally {
            lock.unlock();
        }
        return out;
    }

    private int window() {
        return window > 0 ? window : PUSH_BATCH;
    }

    /** Redelivers (or dead-letters) deliveries whose ack did not come in time. */
    void expire(long nowMillis) {
        boolean any = false;
        lock.lock();
        try {
            Iterator<InFlight> it = inFlight.values().iterator();
            while (it.hasNext()) {
                InFlight f = it.next();
                if (f.deadline() <= nowMillis) {
                    it.remove();
                    requeueOrDrop(f.message(), "ack timeout");
                    any = true;
                }
            }
        } finally {
            lock.unlock();
        }
        if (any) {
            pump();
        }
    }

    private void requeueOrDrop(BusMessage m, String reason) {
        if (!m.durable()) {
            host.dropped(m, reason);
        } else if (m.attempts() >= maxDeliveries) {
            host.expired(m, true);
        } else {
            host.expired(m, false);
            lanes.addFirst(m);
        }
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
                batch = takeLocked(Math.min(PUSH_BATCH, window() - inFlight.size()));
                if (batch.isEmpty()) {
                    return;
                }
                pumping = true;
            } finally {
                lock.unlock();
            }
            try {
                for (Delivery d : batch) {
                    target.deliver(d);
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
            Delivery d = new Delivery(id, agentId, attempt.envelope(), attempt.attempts(), attempt.durable());
            out.add(d);
            host.delivered(attempt, d);
            refillIfDrained(attempt.lane());
        }
        return out;
    }

    private void refillIfDrained(int lane) {
        if (spilledFrom[lane] < 0 || lanes.size(lane) > laneLimit / 2) {
            return;
        }
        int limit = Math.max(1, laneLimit / 2);
        List<BusMessage> loaded = host.loadSpilled(agentId, lane, spilledFrom[lane], limit);
        for (BusMessage m : loaded) {
            lanes.add(m);
            spilledFrom[lane] = m.seq() + 1;
            spilledCount[lane]--;
        }
        if (loaded.size() < limit) {
            spilledFrom[lane] = -1;
            spilledCount[lane] = 0;
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
