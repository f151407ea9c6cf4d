package org.symbi.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import org.symbi.protocol.Ack;
import org.symbi.protocol.ActionReport;
import org.symbi.protocol.ActionSpec;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.AgentStatus;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.MessageType;
import org.symbi.protocol.ProtocolCodec;
import org.symbi.protocol.ProtocolException;
import org.symbi.protocol.RoomFrame;
import org.symbi.protocol.StatusReport;
import org.symbi.protocol.Subscription;
import org.symbi.protocol.TaskOutcome;
import org.symbi.protocol.TaskResult;
import org.symbi.protocol.TaskSpec;
import org.symbi.protocol.TraceStep;
import org.symbi.protocol.WarrantDecision;
import org.symbi.protocol.WarrantRequest;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * An agent's connection to the room: registers the agent's card, hands deliveries to an {@link AgentHandler}
 * once each, acknowledges them in batches, sends heartbeats, and keeps the session alive across lost
 * connections (reconnecting with backoff; the room redelivers what was not acknowledged, and durable sends
 * not yet receipted go again under the same message id). Thread-safe.
 *
 * <p>The room's address chooses the transport: {@code ws://HOST:PORT/ws} (or {@code wss://}) holds a
 * WebSocket; {@code http://HOST:PORT} (or {@code https://}) uses the REST API with long polling, for agents
 * that cannot hold a socket. The handler sees no difference.
 *
 * <p>The handler's methods run on virtual threads, and the futures the client returns complete on virtual threads:
 * never on the thread that reads the connection, so a handler or a continuation may block, or send and wait for
 * the answer. Agents whose handlers never block can have them run on the reading thread instead
 * ({@link AgentOptions#withCallbacksOnReadingThread()}).
 */
public final class AgentClient implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AgentClient.class.getName());

    private final URI uri;
    private final Transport transport;
    private final Supplier<String> tokens;
    private final AgentCard card;
    private final AgentOptions options;
    private final ProtocolCodec codec = new ProtocolCodec();
    private final HttpClient http;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("symbi-agent-timer").daemon(true).unstarted(r));
    private final Dispatcher dispatcher;
    private final AckBatcher acks;
    private final HeartbeatSchedule heartbeats = new HeartbeatSchedule(timer, this::heartbeat);
    /** A virtual thread for each handler call and completion; null when the options name where they run. */
    private final ExecutorService ownCallbackThreads;
    private final Outbox outbox;
    /** Signs trust receipts with the agent's key; null when it has none. */
    private final TrustReceipts receipts;
    private final Set<String> topics = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<RoomFrame.Welcome> firstWelcome = new CompletableFuture<>();
    private volatile Transport.Connection connection;
    private volatile RoomFrame.Welcome welcome;
    private volatile boolean closed;
    private int failedAttempts;

    private AgentClient(HttpClient http, URI uri, Supplier<String> tokens, AgentCard card, AgentHandler handler,
                        AgentOptions options) {
        this.http = http;
        this.uri = uri;
        this.transport = Transport.forUri(uri, http, codec, options.connectTimeout());
        this.tokens = tokens;
        this.card = card;
        this.options = options;
        this.ownCallbackThreads = options.callbacks() == null ? Executors.newVirtualThreadPerTaskExecutor() : null;
        Executor callbacks = ownCallbackThreads != null ? ownCallbackThreads : options.callbacks();
        this.outbox = new Outbox(callbacks);
        this.dispatcher = new Dispatcher(this, handler, codec, options.dedupCapacity(), callbacks);
        this.acks = new AckBatcher(options.ackBatch(), options.ackDelay(), timer, this::sendAck);
        this.receipts = options.signingKey() == null ? null : new TrustReceipts(options.signingKey(), codec.mapper());
    }

    /**
     * Connects with a token issued for this agent. The room takes each token once, so for every reconnect
     * the client first trades its last token for a fresh one at {@code POST /api/agents/token} (and does so
     * ahead of expiry while connected).
     *
     * @param roomUri the room's WebSocket ({@code ws://HOST:PORT/ws}) or HTTP address ({@code http://HOST:PORT})
     */
    public static AgentClient connect(URI roomUri, String token, AgentCard card, AgentHandler handler)
            throws IOException {
        return connect(roomUri, token, card, handler, AgentOptions.defaults());
    }

    public static AgentClient connect(URI roomUri, String token, AgentCard card, AgentHandler handler,
                                      AgentOptions options) throws IOException {
        HttpClient http = options.httpClient();
        RenewingTokens tokens = new RenewingTokens(http, roomUri, token);
        AgentClient client = connect(new AgentClient(http, roomUri, tokens, card, handler, options));
        tokens.renewAheadOfExpiry(client.timer);
        return client;
    }

    /**
     * Connects and waits for the room's welcome.
     *
     * @param tokens asked for a token on every connection attempt, so a fresh one can be issued for each
     * @throws IOException if the first connection fails or is not welcomed within the connect timeout;
     *                     later losses are retried until {@link #close()}
     */
    public static AgentClient connect(URI roomUri, Supplier<String> tokens, AgentCard card, AgentHandler handler,
                                      AgentOptions options) throws IOException {
        return connect(new AgentClient(options.httpClient(), roomUri, tokens, card, handler, options));
    }

    private static AgentClient connect(AgentClient client) throws IOException {
        long timeout = client.options.connectTimeout().toMillis();
        URI roomUri = client.uri;
        try {
            client.openConnection().get(timeout, TimeUnit.MILLISECONDS);
            client.firstWelcome.get(timeout, TimeUnit.MILLISECONDS);
            return client;
        } catch (ExecutionException | TimeoutException e) {
            client.close();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IOException("could not connect to " + roomUri + ": " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            client.close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to " + roomUri, e);
        }
    }

    public String agentId() {
        return card.agentId();
    }

    /** The terms of the current session, or null while reconnecting. */
    public RoomFrame.Welcome session() {
        return welcome;
    }

    /** Sends an envelope; the future completes on the room's receipt, exceptionally with a {@link RefusedException}. */
    public CompletableFuture<RoomFrame.Receipt> send(Envelope envelope) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("the client is closed"));
        }
        String frame = codec.encodeToString(envelope);
        CompletableFuture<RoomFrame.Receipt> receipt = outbox.track(envelope, frame);
        Transport.Connection c = connection;
        if (c != null && welcome != null) {
            c.send(frame);
        }
        return receipt;
    }

    /** Answers a message: same causal chain, addressed to its sender; a task request is answered by a task response. */
    public CompletableFuture<RoomFrame.Receipt> reply(Envelope to, Object payload) {
        MessageType type = to.messageType() == MessageType.TASK_REQUEST ? MessageType.TASK_RESPONSE : to.messageType();
        return send(to.caused().fromAgent(agentId()).toAgent(to.fromAgent()).messageType(type)
                .correlationId(to.messageId()).payload(codec.toPayload(payload)).build());
    }

    /** Publishes an event to the subscribers of a topic. */
    public CompletableFuture<RoomFrame.Receipt> publish(String topic, Object payload) {
        return send(Envelope.builder().fromAgent(agentId()).toAgent("*").messageType(MessageType.EVENT).topic(topic)
                .payload(codec.toPayload(payload)).build());
    }

    /** Subscribes to topics, now and again after every reconnect. */
    public CompletableFuture<RoomFrame.Receipt> subscribe(Collection<String> newTopics) {
        topics.addAll(newTopics);
        return toRoom(MessageType.SUBSCRIBE, new Subscription(List.copyOf(newTopics)));
    }

    /**
     * Asks for a warrant to run an action. Completes with the final decision ({@code allowed} or
     * {@code denied}): a {@code pending} answer is waited through until the approvers decide.
     */
    public CompletableFuture<WarrantDecision> requestWarrant(ActionSpec action, String reasoning, String taskId) {
        Envelope request = envelopeToRoom(MessageType.WARRANT_REQUEST,
                new WarrantRequest(action, null, taskId, reasoning));
        CompletableFuture<WarrantDecision> decision = new CompletableFuture<>();
        dispatcher.warrants.expect(request.messageId(), decision);
        send(request).whenComplete((r, failed) -> {
            if (failed != null) {
                dispatcher.warrants.fail(request.messageId(), failed);
            }
        });
        return decision;
    }

    /**
     * Reports an action run under the warrant a decision granted; the action must be exactly the one allowed.
     * Signed when the agent has a key.
     */
    public CompletableFuture<RoomFrame.Receipt> reportAction(WarrantDecision allowed, ActionSpec action,
                                                             TaskOutcome outcome, JsonNode result) {
        Envelope.Builder report = envelopeToRoom(MessageType.ACTION_REPORT,
                new ActionReport(allowed.warrantId(), action, outcome, result, null)).toBuilder();
        if (receipts != null) {
            report.trustReceipt(receipts.actionRan(agentId(), allowed, action, outcome, result));
        }
        return send(report.build());
    }

    /** Records a reasoning step with its task (see {@link Trace} for the usual kinds). */
    public CompletableFuture<RoomFrame.Receipt> trace(TraceStep step) {
        return toRoom(MessageType.TRACE_STEP, step);
    }

    /**
     * Signs a statement of something this agent did, for a message's {@link Envelope.Builder#trustReceipt}: the
     * room takes the message only once the statement is in its ledger, countersigned with the agent's key. Task
     * results and action reports carry one without asking.
     *
     * @throws IllegalStateException when the agent has no key ({@link AgentOptions#withSigningKey})
     */
    public JsonNode trustReceipt(String action, String subject, String outcome, Object payload) {
        if (receipts == null) {
            throw new IllegalStateException("no signing key: connect with AgentOptions.withSigningKey to sign");
        }
        return receipts.sign(agentId(), action, subject, outcome, codec.toPayload(payload));
    }

    /** Ends a task successfully, answering the assignment's epoch; signed when the agent has a key. */
    public CompletableFuture<RoomFrame.Receipt> completeTask(TaskSpec task, Object result) {
        return endTask(task, TaskOutcome.SUCCESS, result == null ? null : codec.toPayload(result), null);
    }

    public CompletableFuture<RoomFrame.Receipt> failTask(TaskSpec task, String error) {
        return endTask(task, TaskOutcome.FAILURE, null, error);
    }

    private CompletableFuture<RoomFrame.Receipt> endTask(TaskSpec task, TaskOutcome outcome, JsonNode result,
                                                         String error) {
        Envelope request = dispatcher.taskEnded(task.taskId());
        long epoch = task.epoch() == null ? 0 : task.epoch();
        Envelope.Builder b = request != null ? request.caused().correlationId(request.messageId()) : Envelope.builder();
        TaskResult ended = new TaskResult(task.taskId(), epoch, outcome, result, error);
        if (receipts != null) {
            b.trustReceipt(receipts.taskEnded(agentId(), ended));
        }
        return send(b.fromAgent(agentId()).toAgent(Envelope.ORCHESTRATOR).messageType(MessageType.TASK_RESPONSE)
                .payload(codec.toPayload(ended)).build());
    }

    private CompletableFuture<RoomFrame.Receipt> toRoom(MessageType type, Object payload) {
        return send(envelopeToRoom(type, payload));
    }

    private Envelope envelopeToRoom(MessageType type, Object payload) {
        return Envelope.builder().fromAgent(agentId()).toAgent(Envelope.ORCHESTRATOR).messageType(type)
                .payload(codec.toPayload(payload)).build();
    }

    private CompletableFuture<Transport.Connection> openConnection() {
        String token;
        try {
            token = tokens.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        String register = codec.encodeToString(envelopeToRoom(MessageType.REGISTER, card));
        return transport.open(token, register, Transport.events(this::opened, this::receive, this::lost));
    }

    private void opened(Transport.Connection c) {
        if (closed) {
            c.abort();
            return;
        }
        connection = c;
    }

    private void receive(Transport.Connection c, String text) {
        if (closed) {
            return;
        }
        RoomFrame frame;
        try {
            frame = codec.decodeFrame(text);
        } catch (ProtocolException e) {
            LOG.log(Level.WARNING, "unreadable frame from the room ({0}); dropping the connection", e.getMessage());
            c.abort();
            return;
        }
        switch (frame) {
            case RoomFrame.Welcome w -> welcomed(c, w);
            case RoomFrame.Deliver d -> delivered(d);
            case RoomFrame.Receipt r -> {
                if (r.heartbeatIntervalMs() != null) {
                    heartbeats.pace(r.heartbeatIntervalMs());
                }
                outbox.receipt(r);
            }
            case RoomFrame.Error e -> {
                if ("rate_limited".equals(e.code()) && e.refMessageId() == null) {
                    // the gateway dropped a frame without saying which: resend what waits, the room dedups
                    timer.schedule(() -> resendPending(c), 1, TimeUnit.SECONDS);
                } else if (!outbox.error(e)) {
                    dispatcher.roomError(e);
                }
            }
        }
    }

    private void welcomed(Transport.Connection c, RoomFrame.Welcome w) {
        welcome = w;
        synchronized (this) {
            failedAttempts = 0;
        }
        heartbeats.start(w.heartbeatIntervalMs());
        if (!topics.isEmpty()) {
            c.send(codec.encodeToString(envelopeToRoom(MessageType.SUBSCRIBE, new Subscription(List.copyOf(topics)))));
        }
        resendPending(c);
        firstWelcome.complete(w);
    }

    private void resendPending(Transport.Connection c) {
        if (connection == c) {
            outbox.resendable().forEach(c::send);
        }
    }

    private void delivered(RoomFrame.Deliver d) {
        dispatcher.deliver(d.envelope());
        // acked as soon as it is handed over: a task then runs under the room's task timeout, not the ack timeout
        acks.add(d.deliveryId());
    }

    /** Under the client's lock, as the offline heartbeat of {@link #close()}, which no regular one may follow. */
    private synchronized void heartbeat() {
        if (!closed) {
            int active = dispatcher.activeTasks();
            sendStatus(active >= card.maxConcurrentTasks() ? AgentStatus.BUSY : AgentStatus.AVAILABLE, active);
        }
    }

    private void sendStatus(AgentStatus status, int active) {
        sendUntracked(envelopeToRoom(MessageType.HEARTBEAT, new StatusReport(status,
                Math.min(1.0, (double) active / card.maxConcurrentTasks()), active, null, null)));
    }

    private void sendAck(List<String> deliveryIds) {
        sendUntracked(envelopeToRoom(MessageType.ACK, new Ack(deliveryIds)));
    }

    /** Liveness and acks are not worth a receipt or a resend: the next one replaces a lost one. */
    private void sendUntracked(Envelope e) {
        Transport.Connection c = connection;
        if (c != null && welcome != null) {
            c.send(codec.encodeToString(e));
        }
    }

    private void lost(Transport.Connection c, String why) {
        synchronized (this) {
            if (connection != c && connection != null) {
                return;
            }
            connection = null;
            welcome = null;
            heartbeats.stop();
        }
        acks.discard();
        if (closed) {
            return;
        }
        outbox.connectionLost(new IOException("connection lost before the room's receipt: " + why));
        if (!firstWelcome.isDone()) {
            firstWelcome.completeExceptionally(new IOException(why));
            return;
        }
        LOG.log(Level.INFO, "connection to the room lost ({0}); reconnecting", why);
        scheduleReconnect();
    }

    private synchronized void scheduleReconnect() {
        long wait = options.backoff(failedAttempts++, ThreadLocalRandom.current().nextDouble()).toMillis();
        timer.schedule(() -> {
            if (closed) {
                return;
            }
            openConnection().whenComplete((c, failed) -> {
                if (failed != null) {
                    LOG.log(Level.INFO, "reconnect failed: {0}", failed.getMessage());
                    scheduleReconnect();
                }
            });
        }, wait, TimeUnit.MILLISECONDS);
    }

    /**
     * Acknowledges what was handled, tells the room the agent is going offline (so it does not wait for
     * missed heartbeats to notice), closes the connection and fails whatever still waits for the room.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        acks.flush();
        synchronized (this) {
            sendStatus(AgentStatus.OFFLINE, dispatcher.activeTasks());
            closed = true;
        }
        Transport.Connection c = connection;
        if (c != null) {
            c.close("agent closing").handle((ok, failed) -> null).join();
        }
        IllegalStateException why = new IllegalStateException("the client was closed");
        outbox.failAll(why);
        dispatcher.warrants.failAll(why);
        firstWelcome.completeExceptionally(why);
        timer.shutdownNow();
        if (ownCallbackThreads != null) {
            ownCallbackThreads.shutdown();
        }
        // no orderly close: a long poll in flight would hold it for its whole wait
        http.shutdownNow();
    }
}
