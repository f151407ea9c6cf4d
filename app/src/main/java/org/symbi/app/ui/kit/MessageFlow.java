package org.symbi.app.ui.kit;

import org.symbi.kernel.events.KernelEvent;
import org.symbi.protocol.Priority;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Messages folded per pulse: how many went from which agent to which at which priority. Views that show
 * traffic (edges pulsing on the topology, rates) need counts, not one object per message.
 */
public final class MessageFlow {
    private final AtomicReference<Map<Edge, LongAdder>> current = new AtomicReference<>(new ConcurrentHashMap<>());

    /** One sender-to-recipient pair at one priority. */
    public record Edge(String from, String to, Priority priority) {
    }

    /** The traffic of one pulse. */
    public record Sample(List<EdgeCount> edges, long messages) {
        public boolean isEmpty() {
            return messages == 0;
        }
    }

    public record EdgeCount(Edge edge, long count) {
    }

    void add(KernelEvent.MessageAccepted m) {
        Map<Edge, LongAdder> map = current.get();
        for (String to : m.recipients()) {
            map.computeIfAbsent(new Edge(m.fromAgent(), to, m.priority()), k -> new LongAdder()).increment();
        }
    }

    /**
     * Takes what accumulated since the last sample. A message counted into the old map while it is being
     * swapped out is lost to the picture, never to the bus: this only feeds a drawing.
     */
    Sample takeSample() {
        Map<Edge, LongAdder> taken = current.getAndSet(new ConcurrentHashMap<>());
        if (taken.isEmpty()) {
            return new Sample(List.of(), 0);
        }
        List<EdgeCount> edges = new ArrayList<>(taken.size());
        long total = 0;
        for (Map.Entry<Edge, LongAdder> e : taken.entrySet()) {
            long n = e.getValue().sum();
            edges.add(new EdgeCount(e.getKey(), n));
            total += n;
        }
        return new Sample(List.copyOf(edges), total);
    }
}
