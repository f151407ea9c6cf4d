package org.symbi.kernel.events;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The kernel's one observable event stream. Subscribers are called on the kernel thread that raised the
 * event, so they must be quick and must not block: a UI hands events to its own queue and drains it per
 * frame. A subscriber that throws is isolated: the failure is counted and logged, the event still reaches
 * every other subscriber, and the kernel carries on. Subscriptions are by event type, so that hot paths can
 * skip building events nobody listens to ({@link #wants}).
 */
public final class EventStream {
    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);

    private final List<Subscription> everything = new CopyOnWriteArrayList<>();
    private final Map<Class<?>, List<Subscription>> byType = new ConcurrentHashMap<>();
    private final AtomicLong subscriberFailures = new AtomicLong();

    /** Subscribes to every event; close the returned subscription to stop. */
    public Subscription subscribe(Consumer<? super KernelEvent> subscriber) {
        Subscription s = new Subscription(subscriber, everything);
        everything.add(s);
        return s;
    }

    /** Subscribes to one kind of event. */
    public <E extends KernelEvent> Subscription subscribe(Class<E> type, Consumer<? super E> subscriber) {
        List<Subscription> list = byType.computeIfAbsent(type, t -> new CopyOnWriteArrayList<>());
        Subscription s = new Subscription(event -> subscriber.accept(type.cast(event)), list);
        list.add(s);
        return s;
    }

    /** True when someone listens to this kind of event. */
    public boolean wants(Class<? extends KernelEvent> type) {
        if (!everything.isEmpty()) {
            return true;
        }
        List<Subscription> list = byType.get(type);
        return list != null && !list.isEmpty();
    }

    public void publish(KernelEvent event) {
        deliver(everything, event);
        List<Subscription> typed = byType.get(event.getClass());
        if (typed != null) {
            deliver(typed, event);
        }
    }

    private void deliver(List<Subscription> subscribers, KernelEvent event) {
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

    public static final class Subscription implements AutoCloseable {
        private final Consumer<? super KernelEvent> subscriber;
        private final List<Subscription> home;

        private Subscription(Consumer<? super KernelEvent> subscriber, List<Subscription> home) {
            this.subscriber = subscriber;
            this.home = home;
        }

        @Override
        public void close() {
            home.remove(this);
        }
    }
}
