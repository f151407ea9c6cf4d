package org.symbi.gateway.outbound;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.symbi.kernel.Kernel;
import org.symbi.kernel.events.EventStream;
import org.symbi.kernel.events.KernelEvent;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps something per agent in step with the registry: calls {@code reconcile(agentId)} for every registered
 * agent on {@link #start()} and again whenever one registers or changes status, always on one thread of its
 * own (event subscribers run on kernel threads and must hand off). Work scheduled after {@link #close()} is
 * dropped.
 */
final class AgentWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentWatch.class);

    private final Kernel kernel;
    private final ScheduledExecutorService thread;
    private List<EventStream.Subscription> subscriptions = List.of();

    AgentWatch(Kernel kernel, String threadName) {
        this.kernel = kernel;
        this.thread = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().name(threadName).daemon(true).unstarted(r));
    }

    /** Starts following the registry; called once its owner is fully built, since reconcile uses it. */
    void start(Consumer<String> reconcile) {
        subscriptions = List.of(
                kernel.events().subscribe(KernelEvent.AgentRegistered.class,
                        e -> execute(() -> reconcile.accept(e.card().agentId()))),
                kernel.events().subscribe(KernelEvent.AgentStatusChanged.class,
                        e -> execute(() -> reconcile.accept(e.agentId()))));
        execute(() -> kernel.registry().all().forEach(a -> reconcile.accept(a.agentId())));
    }

    void execute(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException closing) {
            LOG.debug("closed; task dropped");
        }
    }

    void schedule(Runnable task, long delayMs) {
        try {
            thread.schedule(task, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            LOG.debug("closed; retry dropped");
        }
    }

    @Override
    public void close() {
        subscriptions.forEach(EventStream.Subscription::close);
        thread.shutdownNow();
    }
}
