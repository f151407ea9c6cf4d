package org.symbi.kernel.bus;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.symbi.kernel.KernelConfig;
import org.symbi.kernel.events.EventStream;
import org.symbi.kernel.events.KernelEvent;
import org.symbi.protocol.DeliveryClass;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.MessageType;
import org.symbi.protocol.ProtocolCodec;
import org.symbi.protocol.Recipients;
import org.symbi.store.Database;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The durable priority bus: a per-agent inbox with four lanes, at-least-once delivery of durable
 * messages (committed and synced before the sender hears "accepted"), at-most-once delivery of transient
 * ones, acks per delivery attempt, redelivery after an ack timeout, dead letters after the delivery limit,
 * duplicate detection by message id, direct, list, broadcast and topic addressing.
 */
public final class MessageBus implements AgentInbox.Host, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MessageBus.class);

    private final KernelConfig config;
    private final InstantSource clock;
    private final EventStream events;
    private final RecipientDirectory directory;
    private final ProtocolCodec codec;
    private final BusStore store;
    private final DurableWriter writer;
    private final DedupWindow dedup;
    private final TopicDirectory topics = new TopicDirectory();
    private final Correlations correlations = new Correlations();
    private final Map<String, AgentInbox> inboxes = new ConcurrentHashMap<>();
    /** Durable messages being written, by dedup key, so that a resend meanwhile shares their fate. */
    private final Map<String, CompletableFuture<SendResult>> writing = new ConcurrentHashMap<>();
    private final AtomicLong transientSeq = new AtomicLong();
    private final AtomicLong deliveryIds;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong acks = new AtomicLong();

    public MessageBus(Database db, ProtocolCodec codec, KernelConfig config, InstantSource clock, EventStream events,
                      RecipientDirectory directory) {
        this.config = config;
        this.clock = clock;
        this.events = events;
        this.directory = directory;
        this.codec = codec;
        this.store = new BusStore(db, codec);
        this.dedup = new DedupWindow(config.dedupWindow());
        long boot = store.boot();
        // Delivery ids never repeat across restarts: a late ack from before a restart matches nothing.
        this.deliveryIds = new AtomicLong(boot << 40);
        for (String[] s : store.subscriptions()) {
            topics.add(s[0], s[1]);
        }
        List<String> recent = store.recentDedupKeys(config.dedupWindow());
        for (int i = recent.size() - 1; i >= 0; i--) {
            dedup.add(recent.get(i));
        }
        store.forEachWaiting(this::offer);
        this.writer = new DurableWriter(store, store.maxSeq(), clock::millis, config.groupCommitMax());
    }

    /**
     * Accepts a message for its recipients. The future completes once the bus has taken responsibility:
     * for durable messages, after they are on disk. It never completes exceptionally: a storage failure
     * comes back as a refusal with code {@code storage_error}, and nothing is acknowledged.
     */
    public CompletableFuture<SendResult> send(Envelope e) {
        List<String> recipients;
        try {
            recipients = resolve(e);
        } catch (Refusal r) {
            return CompletableFuture.completedFuture(refuse(e, r.code, r.getMessage()));
        }
        String key = DedupWindow.key(e.fromAgent(), e.messageId());
        if (!dedup.add(key)) {
            // A resend while the first copy is still being written gets that copy's fate.
            CompletableFuture<SendResult> inProgress = writing.get(key);
            SendResult duplicate = SendResult.duplicate(e.messageId());
            return inProgress == null ? CompletableFuture.completedFuture(duplicate)
                    : inProgress.thenApply(first -> first.isAccepted() ? duplicate : first);
        }
        int lane = e.priority().lane();
        long now = System.nanoTime();
        byte[] encoded = codec.encode(e);
        if (e.effectiveDelivery() == DeliveryClass.TRANSIENT || recipients.isEmpty()) {
            accepted(e, recipients);
            for (String r : recipients) {
                offer(new BusMessage(-transientSeq.incrementAndGet(), r, e, encoded, lane, false, 0, now));
            }
            return CompletableFuture.completedFuture(SendResult.accepted(e.messageId(), recipients));
        }
        CompletableFuture<SendResult> answer = new CompletableFuture<>();
        writing.put(key, answer);
        CompletableFuture<DurableWriter.Stored> stored =
                writer.insert(e, recipients, lane, encoded, now, rows -> rows.forEach(this::offer));
        stored.whenComplete((result, failure) -> {
            SendResult r;
            if (failure != null) {
                dedup.remove(key);
                r = refuse(e, "storage_error", "the message could not be stored: " + failure.getMessage());
            } else if (!result.synced()) {
                accepted(e, recipients);
                r = refuse(e, "storage_error", "the message was stored but the disk did not confirm it; resend it "
                        + "with the same message_id");
            } else {
                accepted(e, recipients);
                r = SendResult.accepted(e.messageId(), recipients);
            }
            writing.remove(key);
            answer.complete(r);
        });
        return answer;
    }

    /** Hands a message to its recipient's inbox; a failing inbox must not keep other recipients waiting. */
    private void offer(BusMessage m) {
        try {
            inbox(m.recipient()).offer(m);
        } catch (RuntimeException ex) {
            LOG.error("could not queue message {} for {}; it waits on disk until the next start",
                    m.envelope().messageId(), m.recipient(), ex);
        }
    }

    private static final class Refusal extends Exception {
        final String code;

        Refusal(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    private List<String> resolve(Envelope e) throws Refusal {
        if (e.messageType() == MessageType.EVENT) {
            if (e.topic() == null || e.topic().isBlank()) {
                throw new Refusal("missing_topic", "an event needs a topic");
            }
            List<String> subscribers = topics.subscribers(e.topic());
            subscribers.remove(e.fromAgent());
            return subscribers;
        }
        return switch (e.toAgent()) {
            case Recipients.Direct d -> {
                requireKnown(d.agentId());
                yield List.of(d.agentId());
            }
            case Recipients.ListOf l -> {
                for (String id : l.agentIds()) {
                    requireKnown(id);
                }
                yield List.copyOf(new LinkedHashSet<>(l.agentIds()));
            }
            case Recipients.Broadcast b -> {
                List<String> all = new ArrayList<>(directory.knownAgents());
                all.remove(e.fromAgent());
                yield all;
            }
        };
    }

    private void requireKnown(String agentId) throws Refusal {
        if (!directory.isKnown(agentId)) {
            throw new Refusal("unknown_agent", "no agent '" + agentId + "' is registered");
        }
    }

    private SendResult refuse(Envelope e, String code, String reason) {
        if (events.wants(KernelEvent.MessageRefused.class)) {
            events.publish(new KernelEvent.MessageRefused(clock.instant(), e.messageId(), e.fromAgent(), code, reason));
        }
        return SendResult.refused(e.messageId(), code, reason);
    }

    private void accepted(Envelope e, List<String> recipients) {
        accepted.incrementAndGet();
        if (events.wants(KernelEvent.MessageAccepted.class)) {
            events.publish(new KernelEvent.MessageAccepted(clock.instant(), e.messageId(), e.fromAgent(), recipients,
                    e.messageType(), e.priority(), e.effectiveDelivery(), e.topic()));
        }
    }

    private AgentInbox inbox(String agentId) {
        return inboxes.computeIfAbsent(agentId, id -> new AgentInbox(id, this, config.memoryLaneLimit(),
                config.ackTimeout().toMillis(), config.maxDeliveries()));
    }

    /** Connects an agent: its waiting messages and every new one are pushed to the sink, up to the window. */
    public void attach(String agentId, DeliverySink sink) {
        inbox(agentId).attach(sink, config.deliveryWindow());
    }

    /** Disconnects whatever sink the agent has (its connection is gone for good). */
    public void detach(String agentId) {
        detach(agentId, null);
    }

    /** Disconnects the agent only if {@code sink} is still its sink, so a newer connection is left alone. */
    public void detach(String agentId, DeliverySink sink) {
        AgentInbox inbox = inboxes.get(agentId);
        if (inbox != null) {
            inbox.detach(sink);
        }
    }

    /** Acknowledges a delivery; false when the id is unknown or of an attempt that was already redelivered. */
    public boolean ack(String agentId, long deliveryId) {
        AgentInbox inbox = inboxes.get(agentId);
        return inbox != null && inbox.ack(deliveryId);
    }

    /** Takes deliveries for an agent that pulls (no sink attached). */
    public List<Delivery> poll(String agentId, int max) {
        return inbox(agentId).poll(max, config.deliveryWindow());
    }

    public void subscribe(String agentId, String topic) {
        store.subscribe(agentId, topic);
        topics.add(agentId, topic);
    }

    public void unsubscribe(String agentId, String topic) {
        store.unsubscribe(agentId, topic);
        topics.remove(agentId, topic);
    }

    /** Housekeeping: redelivers or dead-letters deliveries whose ack timed out. */
    public void tick() {
        long now = clock.millis();
        for (AgentInbox inbox : inboxes.values()) {
            inbox.expire(now);
        }
    }

    /**
     * Remembers the id of a durable message the kernel handles itself, for duplicate detection like any
     * other; false when it was seen before.
     */
    public boolean remember(Envelope e) {
        return dedup.add(DedupWindow.key(e.fromAgent(), e.messageId()));
    }

    /** Forgets a remembered id whose message was refused after all. */
    public void forget(Envelope e) {
        dedup.remove(DedupWindow.key(e.fromAgent(), e.messageId()));
    }

    /** Forces everything committed so far to the disk (shared with concurrent callers). */
    public void syncToDisk() {
        store.database().sync();
    }

    /** Requests waiting for responses. */
    public Correlations correlations() {
        return correlations;
    }

    /** Deletes delivered messages past their retention; returns how many. */
    public int purgeDelivered() {
        return store.purgeDone(clock.millis() - config.doneRetention().toMillis());
    }

    public InboxDepth depth(String agentId) {
        return inbox(agentId).depth();
    }

    public List<InboxDepth> depths() {
        return inboxes.values().stream().map(AgentInbox::depth).toList();
    }

    /** Waiting envelopes of one lane of one inbox (those held in memory), oldest first. */
    public List<Envelope> peek(String agentId, int lane, int max) {
        return inbox(agentId).peek(lane, max).stream().map(BusMessage::envelope).toList();
    }

    public List<DeadLetter> deadLetters(String agentIdOrNull, int limit) {
        return store.deadLetters(agentIdOrNull, limit);
    }

    /** Sends a dead letter to its recipient again, with a fresh delivery count. */
    public boolean retryDeadLetter(long seq) {
        BusMessage m = store.revive(seq);
        if (m == null) {
            return false;
        }
        offer(m.withAttempts(0));
        return true;
    }

    public boolean discardDeadLetter(long seq) {
        return store.discard(seq);
    }

    public long acceptedCount() {
        return accepted.get();
    }

    public long ackCount() {
        return acks.get();
    }

    public long syncCount() {
        return store.database().syncCount();
    }

    // --- AgentInbox.Host ------------------------------------------------------------------------------

    @Override
    public long nextDeliveryId() {
        return deliveryIds.incrementAndGet();
    }

    @Override
    public long nowMillis() {
        return clock.millis();
    }

    @Override
    public BusStore.Loaded loadSpilled(String agentId, int lane, long fromSeq, long toSeq, int limit) {
        return store.loadWaiting(agentId, lane, fromSeq, toSeq, limit);
    }

    @Override
    public void delivered(Delivery d) {
        if (events.wants(KernelEvent.MessageDelivered.class)) {
            events.publish(new KernelEvent.MessageDelivered(clock.instant(), d.agentId(), d.envelope().messageId(),
                    d.deliveryId(), d.attempt()));
        }
    }

    @Override
    public void acked(BusMessage m, long deliveryId) {
        acks.incrementAndGet();
        if (m.durable()) {
            writer.markDone(m.seq(), m.attempts());
        }
        if (events.wants(KernelEvent.MessageAcked.class)) {
            events.publish(new KernelEvent.MessageAcked(clock.instant(), m.recipient(), m.envelope().messageId(),
                    deliveryId, (System.nanoTime() - m.acceptedAt()) / 1000));
        }
    }

    @Override
    public void deadLettered(BusMessage m) {
        String reason = "not acknowledged after " + m.attempts() + " deliveries";
        writer.markDead(m.seq(), m.attempts(), reason);
        events.publish(new KernelEvent.MessageDeadLettered(clock.instant(), m.recipient(), m.envelope().messageId(),
                m.attempts(), reason));
    }

    @Override
    public void dropped(BusMessage m, String reason) {
        if (events.wants(KernelEvent.MessageDropped.class)) {
            events.publish(new KernelEvent.MessageDropped(clock.instant(), m.recipient(), m.envelope().messageId(), reason));
        }
    }

    @Override
    public void close() {
        writer.close();
    }
}
