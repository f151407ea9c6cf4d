package org.symbi.gateway.outbound;

import io.github.resilience4j.core.IntervalFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.symbi.gateway.DeliverFrames;
import org.symbi.kernel.Kernel;
import org.symbi.kernel.bus.Delivery;
import org.symbi.kernel.bus.DeliverySink;
import org.symbi.kernel.registry.AgentView;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Pushes the deliveries of agents that registered a {@code webhook_url} and have no socket open: each
 * delivery is POSTed as a {@code deliver} frame, signed by the room ({@link RoomSignature}). A 2xx answer
 * is the ack. Network errors, 5xx, 408 and 429 are retried with exponential backoff until the bus's ack
 * timeout, after which the bus delivers again under a new delivery id (and dead-letters after its maximum
 * deliveries). Any other 4xx is not retried: the agent refused the request, so only the bus's redelivery
 * tries again. At most the bus's delivery window of POSTs per agent is in flight, since the bus pushes no
 * more unacknowledged deliveries than that.
 */
public final class WebhookDelivery implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDelivery.class);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final Kernel kernel;
    private final RoomSignature signature;
    private final Predicate<String> hasSocket;
    private final IntervalFunction backoff;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
    private final Map<String, Hook> hooks = new ConcurrentHashMap<>();
    private final AgentWatch watch;

    private WebhookDelivery(Kernel kernel, RoomSignature signature, Predicate<String> hasSocket,
                            IntervalFunction backoff) {
        this.kernel = kernel;
        this.signature = signature;
        this.hasSocket = hasSocket;
        this.backoff = backoff;
        this.watch = new AgentWatch(kernel, "symbi-webhooks");
    }

    /** Backoff from 500 ms doubling to 10 s between the attempts of one delivery. */
    public static WebhookDelivery start(Kernel kernel, RoomSignature signature, Predicate<String> hasSocket) {
        return start(kernel, signature, hasSocket,
                IntervalFunction.ofExponentialBackoff(Duration.ofMillis(500), 2.0, Duration.ofSeconds(10)));
    }

    /**
     * @param hasSocket whether an agent has a WebSocket open to the room; such agents get their deliveries
     *                  over it and never by webhook
     */
    public static WebhookDelivery start(Kernel kernel, RoomSignature signature, Predicate<String> hasSocket,
                                        IntervalFunction backoff) {
        WebhookDelivery w = new WebhookDelivery(kernel, signature, hasSocket, backoff);
        w.watch.start(w::reconcile);
        return w;
    }

    /** The agents whose deliveries go to their webhook now. */
    public List<String> hookedAgents() {
        return List.copyOf(hooks.keySet());
    }

    /** Runs on the watch's thread only, so hooks change one agent at a time. */
    private void reconcile(String agentId) {
        AgentView agent = kernel.registry().find(agentId).orElse(null);
        String url = agent == null || !agent.online() || hasSocket.test(agentId) ? null : agent.card().webhookUrl();
        Hook current = hooks.get(agentId);
        if (current != null && !current.url.toString().equals(url)) {
            hooks.remove(agentId);
            current.stop();
        }
        if (url != null && !hooks.containsKey(agentId)) {
            Hook hook = new Hook(agentId, URI.create(url));
            hooks.put(agentId, hook);
            kernel.bus().attach(agentId, hook);
            LOG.info("deliveries to {} go to its webhook {}", agentId, url);
        }
    }

    @Override
    public void close() {
        watch.close();
        hooks.values().forEach(Hook::stop);
        hooks.clear();
        http.close();
    }

    /** One agent's webhook as its bus sink. */
    private final class Hook implements DeliverySink {
        private final String agentId;
        private final URI url;
        private volatile boolean stopped;

        Hook(String agentId, URI url) {
            this.agentId = agentId;
            this.url = url;
        }

        @Override
        public void deliver(Delivery d) {
            String body = new String(DeliverFrames.of(kernel.codec(), d), StandardCharsets.UTF_8);
            long deadline = System.nanoTime() + kernel.config().ackTimeout().toNanos();
            post(d.deliveryId(), body, 1, deadline);
        }

        private void post(long deliveryId, String body, int attempt, long deadlineNanos) {
            if (stopped) {
                return;
            }
            // a fresh timestamp per attempt, so agents may refuse requests older than a few minutes
            long timestamp = kernel.clock().millis();
            HttpRequest request = HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header(RoomSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                    .header(RoomSignature.SIGNATURE_HEADER, signature.sign(timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                int status = failure == null ? response.statusCode() : 0;
                if (status / 100 == 2) {
                    kernel.bus().ack(agentId, deliveryId);
                } else if (status / 100 == 4 && status != 408 && status != 429) {
                    LOG.warn("webhook of {} refused delivery {} with HTTP {}; the bus delivers again after its "
                            + "ack timeout", agentId, deliveryId, status);
                } else {
                    retry(deliveryId, body, attempt, deadlineNanos, failure == null ? "HTTP " + status
                            : Objects.toString(failure.getMessage(), failure.getClass().getSimpleName()));
                }
            });
        }

        private void retry(long deliveryId, String body, int attempt, long deadlineNanos, String why) {
            long waitMs = backoff.apply(attempt);
            if (stopped || System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs) > deadlineNanos) {
                // past the ack timeout this delivery id is stale; the bus's redelivery takes over
                LOG.debug("webhook delivery {} to {} given up after {} attempts: {}", deliveryId, agentId, attempt, why);
                return;
            }
            LOG.debug("webhook delivery {} to {} failed ({}); retrying in {} ms", deliveryId, agentId, why, waitMs);
            watch.schedule(() -> post(deliveryId, body, attempt + 1, deadlineNanos), waitMs);
        }

        /** Unacknowledged deliveries go back to the agent's inbox; pending retries end. */
        void stop() {
            stopped = true;
            kernel.bus().detach(agentId, this);
        }
    }
}
