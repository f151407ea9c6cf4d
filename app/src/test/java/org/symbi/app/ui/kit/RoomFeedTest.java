package org.symbi.app.ui.kit;

import org.junit.jupiter.api.Test;
import org.symbi.kernel.events.EventStream;
import org.symbi.kernel.events.KernelEvent;
import org.symbi.protocol.AgentStatus;
import org.symbi.protocol.DeliveryClass;
import org.symbi.protocol.MessageType;
import org.symbi.protocol.Priority;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class RoomFeedTest {
    private final EventStream kernelEvents = new EventStream();
    private final RoomFeed feed = new RoomFeed(Runnable::run, null);

    private static KernelEvent.AgentStatusChanged status(String agent, AgentStatus to) {
        return new KernelEvent.AgentStatusChanged(Instant.EPOCH, agent, AgentStatus.OFFLINE, to, "test");
    }

    private static KernelEvent.MessageAccepted message(String from, List<String> to, Priority priority) {
        return new KernelEvent.MessageAccepted(Instant.EPOCH, "m", from, to, MessageType.EVENT, priority,
                DeliveryClass.DURABLE, null);
    }

    @Test
    void eventsArriveOnlyWhenDrainedAndInOrder() {
        List<List<KernelEvent.AgentStatusChanged>> batches = new ArrayList<>();
        feed.on(KernelEvent.AgentStatusChanged.class, batches::add);
        feed.connect(kernelEvents);

        kernelEvents.publish(status("a", AgentStatus.AVAILABLE));
        kernelEvents.publish(status("b", AgentStatus.BUSY));
        assertThat(batches).isEmpty();

        feed.drain();
        assertThat(batches).hasSize(1);
        assertThat(batches.getFirst()).extracting(KernelEvent.AgentStatusChanged::agentId).containsExactly("a", "b");

        feed.drain();
        assertThat(batches).hasSize(1);
    }

    @Test
    void aSubscriberOfSeveralTypesSeesThemInArrivalOrder() {
        List<KernelEvent> seen = new ArrayList<>();
        feed.connect(kernelEvents);
        feed.on(seen::addAll, KernelEvent.ApprovalRequested.class, KernelEvent.ApprovalSettled.class);

        kernelEvents.publish(new KernelEvent.ApprovalRequested(Instant.EPOCH, "r1", "a", "push", "h", "{}", "", 1));
        kernelEvents.publish(new KernelEvent.ApprovalSettled(Instant.EPOCH, "r1", "a", "approved"));
        kernelEvents.publish(status("a", AgentStatus.AVAILABLE));
        feed.drain();

        assertThat(seen).hasExactlyElementsOfTypes(KernelEvent.ApprovalRequested.class,
                KernelEvent.ApprovalSettled.class);
    }

    @Test
    void messagesAreFoldedIntoOneSamplePerPulse() {
        List<MessageFlow.Sample> samples = new ArrayList<>();
        feed.onFlow(samples::add);
        feed.connect(kernelEvents);

        for (int i = 0; i < 1000; i++) {
            kernelEvents.publish(message("a", List.of("b"), Priority.HIGH));
        }
        kernelEvents.publish(message("a", List.of("b", "c"), Priority.LOW));
        feed.drain();

        assertThat(samples).hasSize(1);
        MessageFlow.Sample s = samples.getFirst();
        assertThat(s.messages()).isEqualTo(1002);
        assertThat(s.edges()).containsExactlyInAnyOrder(
                new MessageFlow.EdgeCount(new MessageFlow.Edge("a", "b", Priority.HIGH), 1000),
                new MessageFlow.EdgeCount(new MessageFlow.Edge("a", "b", Priority.LOW), 1),
                new MessageFlow.EdgeCount(new MessageFlow.Edge("a", "c", Priority.LOW), 1));
        feed.drain();
        assertThat(samples).hasSize(1);
    }

    @Test
    void aFailingSubscriberDoesNotStopTheOthers() {
        List<KernelEvent.AgentStatusChanged> seen = new ArrayList<>();
        feed.on(KernelEvent.AgentStatusChanged.class, batch -> {
            throw new IllegalStateException("a broken view");
        });
        feed.on(KernelEvent.AgentStatusChanged.class, seen::addAll);
        feed.connect(kernelEvents);

        kernelEvents.publish(status("a", AgentStatus.AVAILABLE));
        feed.drain();

        assertThat(seen).hasSize(1);
        assertThat(feed.failures()).isEqualTo(1);
    }

    @Test
    void backgroundResultsAndFailuresComeBackOnTheNextDrain() {
        List<String> results = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        feed.submit(() -> "read", results::add, failures::add);
        feed.<String>submit(() -> {
            throw new IllegalArgumentException("no such agent");
        }, results::add, failures::add);
        assertThat(results).isEmpty();

        feed.drain();
        assertThat(results).containsExactly("read");
        assertThat(failures).singleElement().extracting(Throwable::getMessage).isEqualTo("no such agent");
    }

    @Test
    void periodicReadsRunOnRefresh() {
        AtomicInteger reads = new AtomicInteger();
        List<Integer> applied = new ArrayList<>();
        feed.every(java.time.Duration.ofSeconds(1), reads::incrementAndGet, applied::add);

        feed.refresh();
        feed.refresh();
        feed.drain();

        assertThat(applied).containsExactly(1, 2);
    }

    @Test
    void underOverloadEventsAreShedAndViewsReload() {
        List<KernelEvent.AgentStatusChanged> seen = new ArrayList<>();
        AtomicInteger reloads = new AtomicInteger();
        feed.on(KernelEvent.AgentStatusChanged.class, seen::addAll);
        feed.onResync(reloads::incrementAndGet);
        feed.connect(kernelEvents);

        for (int i = 0; i < RoomFeed.MAX_QUEUED + 10; i++) {
            kernelEvents.publish(status("a", AgentStatus.AVAILABLE));
        }
        feed.drain();

        assertThat(reloads).hasValue(1);
        assertThat(seen).isEmpty();
        assertThat(feed.backlog()).isZero();

        kernelEvents.publish(status("b", AgentStatus.AVAILABLE));
        feed.drain();
        assertThat(seen).extracting(KernelEvent.AgentStatusChanged::agentId).containsExactly("b");
    }

    @Test
    void aLargeBacklogIsSpreadOverSeveralPulses() {
        List<Integer> batchSizes = new ArrayList<>();
        feed.on(KernelEvent.AgentStatusChanged.class, batch -> batchSizes.add(batch.size()));
        feed.connect(kernelEvents);

        for (int i = 0; i < RoomFeed.MAX_PER_PULSE + 5; i++) {
            kernelEvents.publish(status("a", AgentStatus.AVAILABLE));
        }
        feed.drain();
        feed.drain();

        assertThat(batchSizes).containsExactly(RoomFeed.MAX_PER_PULSE, 5);
    }
}
