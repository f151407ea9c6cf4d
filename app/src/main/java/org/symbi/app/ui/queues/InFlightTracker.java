package org.symbi.app.ui.queues;

import org.symbi.kernel.events.KernelEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which deliveries are out and not acknowledged yet. The bus counts them per inbox but does not list them,
 * so they are followed from its delivery, ack, dead-letter and drop events, and trimmed to the bus's own
 * count: a delivery taken back without an event (its agent disconnected) leaves that way. Deliveries made
 * before the view started listening are counted by the bus but cannot be listed.
 */
final class InFlightTracker {
    /** Beyond this many tracked deliveries the oldest are forgotten; the bus's counts stay exact. */
    static final int MAX_TRACKED = 10_000;

    private record Tracked(String agentId, String messageId, long deliveryId, int attempt, Instant deliveredAt) {
    }

    private record MessageKey(String agentId, String messageId) {
    }

    /** In delivery order, so the first ones of an agent are its oldest. */
    private final LinkedHashMap<Long, Tracked> byDelivery = new LinkedHashMap<>();
    private final Map<MessageKey, Long> deliveryOf = new HashMap<>();

    void apply(KernelEvent e) {
        switch (e) {
            case KernelEvent.MessageDelivered d -> delivered(d);
            case KernelEvent.MessageAcked a -> remove(a.deliveryId());
            case KernelEvent.MessageDeadLettered d -> ended(d.agentId(), d.messageId());
            case KernelEvent.MessageDropped d -> ended(d.agentId(), d.messageId());
            default -> { }
        }
    }

    private void delivered(KernelEvent.MessageDelivered d) {
        // A redelivery replaces the attempt before it.
        ended(d.agentId(), d.messageId());
        byDelivery.put(d.deliveryId(), new Tracked(d.agentId(), d.messageId(), d.deliveryId(), d.attempt(), d.at()));
        deliveryOf.put(new MessageKey(d.agentId(), d.messageId()), d.deliveryId());
        if (byDelivery.size() > MAX_TRACKED) {
            remove(byDelivery.firstEntry().getKey());
        }
    }

    private void ended(String agentId, String messageId) {
        Long deliveryId = deliveryOf.get(new MessageKey(agentId, messageId));
        if (deliveryId != null) {
            remove(deliveryId);
        }
    }

    private void remove(long deliveryId) {
        Tracked t = byDelivery.remove(deliveryId);
        if (t != null) {
            deliveryOf.remove(new MessageKey(t.agentId(), t.messageId()), deliveryId);
        }
    }

    /**
     * Keeps at most as many deliveries per agent as the bus counted out at {@code countedAt}, dropping the
     * oldest. Deliveries seen after that instant may be missing from the count, so they are left alone.
     */
    void trimTo(Map<String, Integer> processingByAgent, Instant countedAt) {
        Map<String, Integer> excess = new HashMap<>();
        for (Tracked t : byDelivery.values()) {
            if (t.deliveredAt().isBefore(countedAt)) {
                excess.merge(t.agentId(), 1, Integer::sum);
            }
        }
        excess.replaceAll((agent, tracked) -> tracked - processingByAgent.getOrDefault(agent, 0));
        Iterator<Tracked> it = byDelivery.values().iterator();
        while (it.hasNext()) {
            Tracked t = it.next();
            int over = excess.getOrDefault(t.agentId(), 0);
            if (over > 0 && t.deliveredAt().isBefore(countedAt)) {
                it.remove();
                deliveryOf.remove(new MessageKey(t.agentId(), t.messageId()), t.deliveryId());
                excess.put(t.agentId(), over - 1);
            }
        }
    }

    /** The agent's deliveries out, oldest first, with their ages at {@code now}. */
    List<InFlightMessage> of(String agentId, Instant now) {
        List<InFlightMessage> out = new ArrayList<>();
        for (Tracked t : byDelivery.values()) {
            if (t.agentId().equals(agentId)) {
                long age = Math.max(0, now.toEpochMilli() - t.deliveredAt().toEpochMilli());
                out.add(new InFlightMessage(t.messageId(), t.deliveryId(), t.attempt(), age));
            }
        }
        return out;
    }
}
