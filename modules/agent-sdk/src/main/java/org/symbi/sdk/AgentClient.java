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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * An agent's connection to the room: registers the agent's card, hands deliveries to an {@link AgentHandler}
 * once each, acknowledges them in batches, sends heartbeats, and keeps the session alive across lost
 * connections (reconnecting with backoff; the room redelivers what was not acknowledged, and durable sends
 * not yet receipted go again under the same message id). Thread-safe.
 */
public final class AgentClient implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AgentClient.class.getName());

    private final URI uri;
    private final Supplier<String> tokens;
    private final AgentCard card;
    private final AgentOptions options;
    private final ProtocolCodec codec = new ProtocolCodec();
    private final HttpClient http;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("symbi-agent-timer").daemon(true).unstarted(r));
    private final Dispatcher dispatcher;
    private final AckBatcher acks;
    private final Outbox outbox = new Outbox();
    private final Set<String> topics = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<RoomFrame.Welcome> firstWelcome = new CompletableFuture<>();
    private volatile RoomSocket socket;
    private volatile RoomFrame.Welcome welcome;
    private volatile boolean closed;
    private ScheduledFuture<?> heartbeats;
    private int failedAttempts;

    private AgentClient(HttpClient http, URI uri, Supplier<String> tokens, AgentCard card, AgentHandler handler,
                        AgentOptions options) {
        this.http = http;
        this.uri = uri;
        this.tokens = tokens;
        this.card = card;
        this.options = options;
        this.dispatcher = new Dispatcher(this, handler, codec, options.dedupCapacity());
        this.acks = new AckBatcher(options.ackBatch(), options.ackDelay(), timer, this::sendAck);
    }

    /**
     * Connects with a token issued for this agent. The room takes each token once, so for every reconnect
     * the client first trades its last token for a fresh one at {@code POST /api/agents/token} (and does so
     * ahead of expiry while connected).
     */
    public static AgentClient connect(URI wsUri, String token, AgentCard card, AgentHandler handler)
            throws IOException {
        return connect(wsUri, token, card, handler, AgentOptions.defaults());
    }

    public static AgentClient connect(URI wsUri, String token, AgentCard card, AgentHandler handler,
                                      AgentOptions options) throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        RenewingTokens tokens = new RenewingTokens(http, wsUri, token);
        AgentClient client = connect(new AgentClient(http, wsUri, tokens, card, handler, options));
        client.timer.scheduleWithFixedDelay(() -> {
            try {
                tokens.refreshIfDue(System.currentTimeMillis());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not renew the agent token: {0}", e.getMessage());
            }
        }, 1, 1, TimeUnit.MINUTES);
        return client;
    }

    /**
     * Connects and waits for the room's welcome.
     *
     * @param tokens asked for a token on every connection attempt, so a fresh one can be issued for each
     * @throws IOException if the first connection fails or is not welcomed within the connect timeout;
     *                     later losses are retried until {@link #close()}
     */
    public static AgentClient connect(URI wsUri, Supplier<String> tokens, AgentCard card, AgentHandler handler,
                                      AgentOptions options) throws IOException {
        return connect(new AgentClient(HttpClient.newHttpClient(), wsUri, tokens, card, handler, options));
    }

    private static AgentClient connect(AgentClient client) throws IOException {
        long timeout = client.options.connectTimeout().toMillis();
        URI wsUri = client.uri;
        try {
            client.openSocket().get(timeout, TimeUnit.MILLISECONDS);
            client.firstWelcome.get(timeout, TimeUnit.MILLISECONDS);
            return client;
        } catch (ExecutionException | TimeoutException e) {
            client.close();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IOException("could not connect to " + wsUri + ": " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            client.close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to " + wsUri, e);
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
        RoomSocket s = socket;
        if (s != null && welcome != null) {
            s.send(frame);
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

    /** Reports an action run under the warrant a decision granted; the action must be exactly the one allowed. */
    public CompletableFuture<RoomFrame.Receipt> reportAction(WarrantDecision allowed, ActionSpec action,
                                                             TaskOutcome outcome, JsonNode result) {
        return toRoom(MessageType.ACTION_REPORT, new ActionReport(allowed.warrantId(), action, outcome, result, null));
    }

    /** Records a reasoning step with its task (see {@link Trace} for the usual kinds). */
    public CompletableFuture<RoomFrame.Receipt> trace(TraceStep step) {
        return toRoom(MessageType.TRACE_STEP, step);
    }

    /** Ends a task successfully, answering the assignment's epoch. */
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
        return send(b.fromAgent(agentId()).toAgent(Envelope.ORCHESTRATOR).messageType(MessageType.TASK_RESPONSE)
                .payload(codec.toPayload(new TaskResult(task.taskId(), epoch, outcome, result, error))).build());
    }

    private CompletableFuture<RoomFrame.Receipt> toRoom(MessageType type, Object payload) {
        return send(envelopeToRoom(type, payload));
    }

    private Envelope envelopeToRoom(MessageType type, Object payload) {
        return Envelope.builder().fromAgent(agentId()).toAgent(Envelope.ORCHESTRATOR).messageType(type)
                .payload(codec.toPayload(payload)).build();
    }

    private CompletableFuture<RoomSocket> openSocket() {
        String token;
        try {
            token = tokens.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return RoomSocket.open(http, uri, token, options.connectTimeout(), new RoomSocket.Events() {
            @Override
            public void onOpen(RoomSocket s) {
                opened(s);
            }

            @Override
            public void onFrame(RoomSocket s, String text) {
                receive(s, text);
            }

            @Override
            public void onClosed(RoomSocket s, String why) {
                lost(s, why);
            }
        });
    }

    private void opened(RoomSocket s) {
        if (closed) {
            s.abort();
            return;
        }
        socket = s;
        // Registration is the first frame of every connection, whether the welcome comes before it or after.
        s.send(codec.encodeToString(envelopeToRoom(MessageType.REGISTER, card)));
    }

    private void receive(RoomSocket s, String text) {
        if (closed) {
            return;
        }
        RoomFrame frame;
        try {
            frame = codec.decodeFrame(text);
        } catch (ProtocolException e) {
            LOG.log(Level.WARNING, "unreadable frame from the room ({0}); dropping the connection", e.getMessage());
            s.abort();
            return;
        }
        switch (frame) {
            case RoomFrame.Welcome w -> welcomed(s, w);
            case RoomFrame.Deliver d -> delivered(d);
            case RoomFrame.Receipt r -> outbox.receipt(r);
            case RoomFrame.Error e -> {
                if ("rate_limited".equals(e.code()) && e.refMessageId() == null) {
                    // the gateway dropped a frame without saying which: resend what waits, the room dedups
                    timer.schedule(() -> resendPending(s), 1, TimeUnit.SECONDS);
                } else if (!outbox.error(e)) {
                    dispatcher.roomError(e);
                }
            }
        }
    }

    private void welcomed(RoomSocket s, RoomFrame.Welcome w) {
        welcome = w;
        synchronized (this) {
            failedAttempts = 0;
            if (heartbeats != null) {
                heartbeats.cancel(false);
            }
            heartbeats = timer.scheduleAtFixedRate(this::heartbeat, 0, w.heartbeatIntervalMs(), TimeUnit.MILLISECONDS);
        }
        if (!topics.isEmpty()) {
            s.send(codec.encodeToString(envelopeToRoom(MessageType.SUBSCRIBE, new Subscription(List.copyOf(topics)))));
        }
        resendPending(s);
        firstWelcome.complete(w);
    }

    private void resendPending(RoomSocket s) {
        if (socket == s) {
            outbox.resendable().forEach(s::send);
        }
    }

    private void delivered(RoomFrame.Deliver d) {
        dispatcher.deliver(d.envelope());
        // acked as soon as it is handed over: a task then runs under the room's task timeout, not the ack timeout
        acks.add(d.deliveryId());
    }

    private void heartbeat() {
        int active = dispatcher.activeTasks();
        StatusReport status = new StatusReport(active >= card.maxConcurrentTasks() ? AgentStatus.BUSY
                : AgentStatus.AVAILABLE, Math.min(1.0, (double) active / card.maxConcurrentTasks()), active, null, null);
        sendUntracked(envelopeToRoom(MessageType.HEARTBEAT, status));
    }

    private void sendAck(List<String> deliveryIds) {
        sendUntracked(envelopeToRoom(MessageType.ACK, new Ack(deliveryIds)));
    }

    /** Liveness and acks are not worth a receipt or a resend: the next one replaces a lost one. */
    private void sendUntracked(Envelope e) {
        RoomSocket s = socket;
        if (s != null && welcome != null) {
            s.send(codec.encodeToString(e));
        }
    }

    private void lost(RoomSocket s, String why) {
        synchronized (this) {
            if (socket != s && socket != null) {
                return;
            }
            socket = null;
            welcome = null;
            if (heartbeats != null) {
                heartbeats.cancel(false);
                heartbeats = null;
            }
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
            openSocket().whenComplete((s, failed) -> {
                if (failed != null) {
                    LOG.log(Level.INFO, "reconnect failed: {0}", failed.getMessage());
                    scheduleReconnect();
                }
            });
        }, wait, TimeUnit.MILLISECONDS);
    }

    /** Acknowledges what was handled, closes the connection and fails whatever still waits for the room. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        acks.flush();
        closed = true;
        RoomSocket s = socket;
        if (s != null) {
            s.close("agent closing").handle((ok, failed) -> null).join();
        }
        IllegalStateException why = new IllegalStateException("the client was closed");
        outbox.failAll(why);
        dispatcher.warrants.failAll(why);
        firstWelcome.completeExceptionally(why);
        timer.shutdownNow();
        dispatcher.close();
        http.close();
    }
}
