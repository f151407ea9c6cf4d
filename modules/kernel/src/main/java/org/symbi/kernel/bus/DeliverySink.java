package org.symbi.kernel.bus;

/**
 * Where the bus pushes an attached agent's deliveries: an in-process agent, or a gateway connection.
 * Called by one thread at a time per agent, in delivery order; must not block (queue and return).
 */
@FunctionalInterface
public interface DeliverySink {
    void deliver(Delivery delivery);
}
