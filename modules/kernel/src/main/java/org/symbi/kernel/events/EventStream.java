package org.symbi.kernel.events;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The kernel's one observable event stream. Subscribers are called on the kernel thread that raised the
 * event, so they must be quick and must not block: a UI hands events to its own queue and drains it per
 * frame. A subscriber that throws is isolated: the failure is counted and logged, the event still reaches
 * every other subscriber, and the kernel carries on.
 */
public final class EventStream {
    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);

    private final CopyOnWriteArrayList<Subscription> subscribers = new CopyOnWriteArrayList<>();
    private final AtomicLong subscriberFailures = new AtomicLong();

    /** Subscribes to every event; close the returned subscription to stop. */
    public Subscription subscribe(Consumer<? super KernelEvent> subscriber) {
        Subscription s = new Subscription(subscriber);
        subscribers.add(s);
        return s;
    }

    /** Subscribes to one kind of event. */
    public <E extends KernelEvent> Subscription subscribe(Class<E> type, Consumer<? super E> subscriber) {
        return subscribe(event -> {
            if (type.isInstance(event)) {
                subscriber.accept(type.cast(event));
            }
        });
    }

    /** True when someone listens: lets hot paths skip building events nobody reads. */
    public boolean hasSubscribers() {
        return !subscribers.isEmpty();
    }

    public void publish(KernelEvent event) {
        for (Subscription s : subscribers) {
            try {
                s.subscriber.accept(event);
            } catch (RuntimeException e) {
                long n = subscriberFailures.incrementAndGet();
                if (n < 10 || n % 1000 == 0) {
                    LOG.warn("event subscriber failed on {} ({} failures so far)", event.getClass().getSimpleName(), n, e);
                }
            }
        }
    }

    public long subscriberFailures() {
        return subscriberFailures.get();
    }

    public final class Subscription implements AutoCloseable {
        private final Consumer<? super KernelEvent> subscriber;

        private Subscription(Consumer<? super KernelEvent> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void close() {
            subscribers.remove(this);
        }
    }
}
