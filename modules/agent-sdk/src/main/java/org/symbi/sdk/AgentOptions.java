package org.symbi.sdk;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * How an {@link AgentClient} behaves on the wire.
 *
 * @param connectTimeout  how long one connection attempt may take, up to the room's welcome
 * @param backoffMin      the wait before the first reconnect attempt; it doubles per failed attempt
 * @param backoffMax      the longest wait between reconnect attempts
 * @param ackBatch        deliveries acknowledged by one ack at most (1 to 1024)
 * @param ackDelay        how long a delivery id may wait for companions before its ack goes out
 * @param dedupCapacity   how many recent message ids are remembered to recognise redeliveries
 * @param sslContext      what {@code wss://} and {@code https://} connections trust, or null for the JDK's
 *                        default trust store
 * @param callbacks       where the handler's methods run and the client's futures complete, or null for a virtual
 *                        thread each; see {@link #withCallbacksOnReadingThread()}
 * @param signingKey      the agent's own Ed25519 key pair, which signs its trust receipts, or null for none
 */
public record AgentOptions(Duration connectTimeout, Duration backoffMin, Duration backoffMax, int ackBatch,
                           Duration ackDelay, int dedupCapacity, SSLContext sslContext, Executor callbacks,
                           KeyPair signingKey) {

    public static AgentOptions defaults() {
        return new AgentOptions(Duration.ofSeconds(10), Duration.ofMillis(250), Duration.ofSeconds(30), 64,
                Duration.ofMillis(20), 10_000, null, null, null);
    }

    public AgentOptions withBackoff(Duration min, Duration max) {
        return new AgentOptions(connectTimeout, min, max, ackBatch, ackDelay, dedupCapacity, sslContext, callbacks,
                signingKey);
    }

    public AgentOptions withAcks(int batch, Duration delay) {
        return new AgentOptions(connectTimeout, backoffMin, backoffMax, batch, delay, dedupCapacity, sslContext,
                callbacks, signingKey);
    }

    public AgentOptions withDedupCapacity(int capacity) {
        return new AgentOptions(connectTimeout, backoffMin, backoffMax, ackBatch, ackDelay, capacity, sslContext,
                callbacks, signingKey);
    }

    public AgentOptions withConnectTimeout(Duration timeout) {
        return new AgentOptions(timeout, backoffMin, backoffMax, ackBatch, ackDelay, dedupCapacity, sslContext,
                callbacks, signingKey);
    }

    /**
     * Runs the handler's methods and completes the client's futures (and their continuations) on the thread that
     * read the frame, instead of on a fresh virtual thread: one thread hand-over less per delivery and per
     * receipt, for agents whose handlers and continuations never block. They must not wait for anything the
     * room sends (a receipt, a warrant decision, a reply): that thread would be the one to read it.
     */
    public AgentOptions withCallbacksOnReadingThread() {
        return new AgentOptions(connectTimeout, backoffMin, backoffMax, ackBatch, ackDelay, dedupCapacity, sslContext,
                Runnable::run, signingKey);
    }

    /** Connections over TLS trust what this context trusts (and present its client keys, if it has any). */
    public AgentOptions withSslContext(SSLContext context) {
        return new AgentOptions(connectTimeout, backoffMin, backoffMax, ackBatch, ackDelay, dedupCapacity, context,
                callbacks, signingKey);
    }

    /**
     * Connections over TLS trust the certificates in this trust store (PKCS#12 or JKS) instead of the JDK's
     * default ones: for a room whose certificate is self-signed or signed by a private authority.
     */
    public AgentOptions withTrustStore(Path trustStore, char[] password) throws IOException {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(KeyStore.getInstance(trustStore.toFile(), password));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return withSslContext(context);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use the trust store " + trustStore + ": " + e.getMessage(), e);
        }
    }

    /**
     * Connections over TLS trust only the room presenting one of the certificates in this PEM file, at any address
     * ({@link RoomCertificate}): what the room gives the agents it starts, and what an operator can hand to an
     * agent that dials the room by an address its certificate does not name.
     */
    public AgentOptions withRoomCertificate(Path pemFile) throws IOException {
        return withSslContext(RoomCertificate.sslContext(pemFile));
    }

    /**
     * Signs the agent's trust receipts with this Ed25519 key pair: task results then carry one each, and
     * {@link AgentClient#trustReceipt} signs statements for other messages. Keep the private key with the agent;
     * whoever checks the ledger's entries later needs its public key.
     */
    public AgentOptions withSigningKey(KeyPair keys) {
        String algorithm = keys == null ? null : keys.getPublic().getAlgorithm();
        if (algorithm != null && !algorithm.equals("Ed25519") && !algorithm.equals("EdDSA")) {
            throw new IllegalArgumentException("trust receipts are signed with Ed25519, not " + algorithm);
        }
        return new AgentOptions(connectTimeout, backoffMin, backoffMax, ackBatch, ackDelay, dedupCapacity, sslContext,
                callbacks, keys);
    }

    /** The wait before reconnect attempt {@code attempt} (0-based): doubling, capped, with jitter in [d/2, d]. */
    Duration backoff(int attempt, double random) {
        long min = backoffMin.toMillis();
        long capped = Math.min(backoffMax.toMillis(), min << Math.min(attempt, 20));
        return Duration.ofMillis(capped / 2 + (long) (random * (capped - capped / 2)));
    }

    /**
     * The HTTP client every connection, token renewal included, goes through. Its selector thread hands each frame
     * it reads to the client itself instead of to a pool thread: the client's handling of a frame never blocks
     * (handlers run on virtual threads, senders' futures are completed there, unless the agent vouched for its
     * callbacks with {@link #withCallbacksOnReadingThread()}; reconnects wait on the timer), and the hand-over
     * cost a thread wake-up for every frame, a fifth of a request/response round trip.
     */
    HttpClient httpClient() {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(connectTimeout).executor(Runnable::run);
        if (sslContext != null) {
            b.sslContext(sslContext);
        }
        return b.build();
    }
}
