package org.symbi.app.ui.kit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.symbi.kernel.events.EventStream;
import org.symbi.kernel.events.KernelEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The one path by which kernel state reaches the UI (docs/ARCHITECTURE.md, "The room's one update path").
 *
 * <p>Kernel threads hand events in; that never blocks and never touches JavaFX. Once per pulse the
 * {@link PulseDriver} calls {@link #drain()} on the FX thread, which hands each subscriber, in arrival order,
 * the events of its types that came in since the last pulse, then the folded message flow, then the results
 * of background work. So a thousand messages a second cost the UI one update per frame, not a thousand.
 *
 * <p>Background reads (the database, the ledger, the bus's depths) and commands run on an {@link Executor};
 * their results come back through the same drain. Tests build the feed with a same-thread executor and call
 * {@link #drain()} themselves: no JavaFX needed.
 *
 * <p>A subscriber that throws is isolated: counted, logged, and the others still get their batch.
 */
public final class RoomFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RoomFeed.class);

    /** Past this many undrained events the feed stops queueing and asks views to reload instead. */
    static final int MAX_QUEUED = 100_000;
    /** At most this many events per pulse, so one pulse stays short after a burst. */
    static final int MAX_PER_PULSE = 20_000;

    private final Executor background;
    private final ScheduledExecutorService scheduler;
    private final ConcurrentLinkedQueue<KernelEvent> events = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean overflowed = new AtomicBoolean();
    private final ConcurrentLinkedQueue<Runnable> completions = new ConcurrentLinkedQueue<>();
    private final MessageFlow flow = new MessageFlow();
    private final List<EventSubscriber> subscribers = new CopyOnWriteArrayList<>();
    private final List<Consumer<MessageFlow.Sample>> flowSubscribers = new CopyOnWriteArrayList<>();
    private final List<Runnable> resyncSubscribers = new CopyOnWriteArrayList<>();
    private final List<PeriodicRead<?>> periodicReads = new CopyOnWriteArrayList<>();
    private final List<EventStream.Subscription> kernelSubscriptions = new CopyOnWriteArrayList<>();
    private final Set<Class<?>> subscribedTypes = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AtomicLong failures = new AtomicLong();
    private volatile EventStream stream;

    /**
     * @param background where reads and commands run
     * @param scheduler  what triggers periodic reads; {@code null} in tests, which call {@link #refresh()}
     */
    public RoomFeed(Executor background, ScheduledExecutorService scheduler) {
        this.background = background;
        this.scheduler = scheduler;
    }

    /** Starts listening to a kernel's events; subscriptions made before or after both take effect. */
    public void connect(EventStream kernelEvents) {
        this.stream = kernelEvents;
        for (Class<?> type : subscribedTypes) {
            listen(type);
        }
        if (!flowSubscribers.isEmpty()) {
            listenToFlow();
        }
    }

    // --- subscriptions (FX thread, while views are built) ------------------------------------------------

    /** Each pulse, the events of these types that arrived since the last one, in arrival order. */
    @SafeVarargs
    public final void on(Consumer<List<KernelEvent>> perPulse, Class<? extends KernelEvent>... types) {
        subscribers.add(new EventSubscriber(Set.of(types), perPulse));
        for (Class<? extends KernelEvent> type : types) {
            if (subscribedTypes.add(type) && stream != null) {
                listen(type);
            }
        }
    }

    /** Each pulse, the events of one type that arrived since the last one. */
    public <E extends KernelEvent> void on(Class<E> type, Consumer<List<E>> perPulse) {
        on(batch -> perPulse.accept(batch.stream().map(type::cast).toList()), type);
    }

    /** Each pulse that saw messages, how many went from whom to whom at which priority. */
    public void onFlow(Consumer<MessageFlow.Sample> perPulse) {
        boolean first = flowSubscribers.isEmpty();
        flowSubscribers.add(perPulse);
        if (first && stream != null) {
            listenToFlow();
        }
    }

    /** Called when events were shed under overload: a view reloads its whole state from the kernel. */
    public void onResync(Runnable reload) {
        resyncSubscribers.add(reload);
    }

    /** Runs {@code read} in the background every {@code period} (and at once); applies the result on a pulse. */
    public <T> void every(Duration period, Callable<T> read, Consumer<T> apply) {
        PeriodicRead<T> p = new PeriodicRead<>(read, apply);
        periodicReads.add(p);
        if (scheduler != null) {
            // Read on the scheduler's own thread, so a slow read delays the next one instead of piling up.
            p.future = scheduler.scheduleWithFixedDelay(() -> runNow(p.read, p.apply, this::logFailure),
                    0, period.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Runs every periodic read now (after a command changed state, and in tests). */
    public void refresh() {
        for (PeriodicRead<?> p : periodicReads) {
            submitPeriodic(p);
        }
    }

    private <T> void submitPeriodic(PeriodicRead<T> p) {
        submit(p.read, p.apply, this::logFailure);
    }

    /**
     * Runs {@code work} in the background (a read, or a command on the kernel) and hands its result, or its
     * failure, to the FX thread on the next pulse.
     */
    public <T> void submit(Callable<T> work, Consumer<? super T> onDone, Consumer<Throwable> onFailure) {
        background.execute(() -> runNow(work, onDone, onFailure));
    }

    private <T> void runNow(Callable<T> work, Consumer<? super T> onDone, Consumer<Throwable> onFailure) {
        try {
            T result = work.call();
            completions.add(() -> onDone.accept(result));
        } catch (Exception | LinkageError e) {
            completions.add(() -> onFailure.accept(e));
        }
    }

    // --- kernel side (any thread) ------------------------------------------------------------------------

    private void listen(Class<?> type) {
        @SuppressWarnings("unchecked")
        Class<? extends KernelEvent> eventType = (Class<? extends KernelEvent>) type;
        kernelSubscriptions.add(stream.subscribe(eventType, this::accept));
    }

    private void listenToFlow() {
        kernelSubscriptions.add(stream.subscribe(KernelEvent.MessageAccepted.class, flow::add));
    }

    void accept(KernelEvent event) {
        if (queued.incrementAndGet() > MAX_QUEUED) {
            queued.decrementAndGet();
            overflowed.set(true);
            return;
        }
        events.add(event);
    }

    // --- FX side ----------------------------------------------------------------------------------------

    /** Hands out everything that arrived since the last call. Once per pulse, on the FX thread. */
    public void drain() {
        if (overflowed.getAndSet(false)) {
            events.clear();
            queued.set(0);
            resyncSubscribers.forEach(this::isolated);
            refresh();
        }
        List<KernelEvent> batch = new ArrayList<>();
        KernelEvent e;
        while (batch.size() < MAX_PER_PULSE && (e = events.poll()) != null) {
            batch.add(e);
        }
        queued.addAndGet(-batch.size());
        if (!batch.isEmpty()) {
            for (EventSubscriber s : subscribers) {
                List<KernelEvent> mine = s.select(batch);
                if (!mine.isEmpty()) {
                    isolated(() -> s.perPulse.accept(mine));
                }
            }
        }
        MessageFlow.Sample sample = flow.takeSample();
        if (!sample.isEmpty()) {
            for (Consumer<MessageFlow.Sample> s : flowSubscribers) {
                isolated(() -> s.accept(sample));
            }
        }
        Runnable done;
        while ((done = completions.poll()) != null) {
            isolated(done);
        }
    }

    private void isolated(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException ex) {
            logFailure(ex);
        }
    }

    private void logFailure(Throwable t) {
        long n = failures.incrementAndGet();
        if (n < 10 || n % 1000 == 0) {
            LOG.warn("a room view failed to apply an update ({} failures so far)", n, t);
        }
    }

    /** Subscriber failures so far (a failing view never stops the others). */
    public long failures() {
        return failures.get();
    }

    /** Events waiting for the next pulse. */
    public int backlog() {
        return queued.get();
    }

    @Override
    public void close() {
        kernelSubscriptions.forEach(EventStream.Subscription::close);
        kernelSubscriptions.clear();
        for (PeriodicRead<?> p : periodicReads) {
            if (p.future != null) {
                p.future.cancel(false);
            }
        }
    }

    private record EventSubscriber(Set<Class<? extends KernelEvent>> types, Consumer<List<KernelEvent>> perPulse) {
        List<KernelEvent> select(List<KernelEvent> batch) {
            List<KernelEvent> mine = new ArrayList<>();
            for (KernelEvent e : batch) {
                if (types.contains(e.getClass())) {
                    mine.add(e);
                }
            }
            return mine;
        }
    }

    private static final class PeriodicRead<T> {
        final Callable<T> read;
        final Consumer<T> apply;
        volatile ScheduledFuture<?> future;

        PeriodicRead(Callable<T> read, Consumer<T> apply) {
            this.read = read;
            this.apply = apply;
        }
    }
}
