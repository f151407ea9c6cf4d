package org.symbi.kernel.bus;

import org.symbi.kernel.KernelConfig;
import org.symbi.kernel.ManualClock;
import org.symbi.kernel.events.EventStream;
import org.symbi.protocol.DeliveryClass;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.MessageType;
import org.symbi.protocol.Priority;
import org.symbi.protocol.ProtocolCodec;
import org.symbi.store.Database;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A bus on a real database, with a fixed set of agents and a manual clock. */
final class BusFixture implements AutoCloseable {
    final ManualClock clock = new ManualClock();
    final EventStream events = new EventStream();
    final Set<String> agents = ConcurrentHashMap.newKeySet();
    final Database db;
    final MessageBus bus;

    BusFixture(Database db, KernelConfig config, String... agentIds) {
        this.db = db;
        agents.addAll(List.of(agentIds));
        RecipientDirectory directory = new RecipientDirectory() {
            @Override
            public boolean isKnown(String agentId) {
                return agents.contains(agentId);
            }

            @Override
            public Collection<String> knownAgents() {
                return agents;
            }
        };
        this.bus = new MessageBus(db, new ProtocolCodec(), config, clock, events, directory);
    }

    static Envelope message(String from, String to, Priority priority, String text) {
        return Envelope.builder().fromAgent(from).toAgent(to).messageType(MessageType.COLLABORATION_INVITE)
                .priority(priority).payload(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("text", text))
                .build();
    }

    static Envelope transientMessage(String from, String to, String text) {
        return message(from, to, Priority.NORMAL, text).toBuilder().delivery(DeliveryClass.TRANSIENT).build();
    }

    SendResult send(Envelope e) {
        return bus.send(e).join();
    }

    /** Attaches a sink that records deliveries without acknowledging them. */
    List<Delivery> attach(String agentId) {
        List<Delivery> got = new CopyOnWriteArrayList<>();
        bus.attach(agentId, got::add);
        return got;
    }

    @Override
    public void close() {
        bus.close();
        db.close();
    }
}
