package org.symbi.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The floor under the gateway's request/response figure on this machine: the same four hops (asker, relay,
 * answerer, relay, asker) of a message the size of a transient delivery, over loopback TCP between two processes,
 * and nothing else: blocking sockets, one thread per direction, no framing, parsing or routing. The relay runs in
 * this process, the asker and the answerer in a second ({@link LoopbackPeers}). What the room adds to a round trip
 * is the gateway's figure less this one.
 */
public final class LoopbackBenchmark {
    public record Result(int roundTrips, int bytes, double p50Ms, double p99Ms) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ACCEPT_TIMEOUT_MS = 60_000;

    private LoopbackBenchmark() {
    }

    public static Result run(int roundTrips, int bytes) throws Exception {
        if (roundTrips < 1 || bytes < 1) {
            throw new IllegalArgumentException("round trips and bytes must be at least 1");
        }
        try (ServerSocket listener = new ServerSocket(0, 2, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(ACCEPT_TIMEOUT_MS);
            Process peers = ChildJava.start(List.of(), LoopbackPeers.class, Integer.toString(listener.getLocalPort()),
                    Integer.toString(roundTrips), Integer.toString(bytes));
            try (Socket first = listener.accept(); Socket second = listener.accept();
                 BufferedReader out = ChildJava.output(peers)) {
                // Which of the two is the asker does not matter: the relay passes each one's messages to the other.
                forward(first, second, bytes);
                forward(second, first, bytes);
                String last = null;
                for (String line; (line = out.readLine()) != null; ) {
                    last = line;
                }
                if (peers.waitFor() != 0 || last == null) {
                    throw new IllegalStateException("the asker and answerer's process failed; see its output above");
                }
                JsonNode r = JSON.readTree(last);
                return new Result(roundTrips, bytes, r.get("p50_ns").asLong() / 1e6, r.get("p99_ns").asLong() / 1e6);
            } finally {
                peers.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Passes every message from one socket to the other until either closes. */
    private static void forward(Socket from, Socket to, int bytes) throws IOException {
        from.setTcpNoDelay(true);
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        Thread.ofPlatform().daemon().name("symbi-bench-relay").start(() -> {
            byte[] message = new byte[bytes];
            try {
                while (LoopbackPeers.readMessage(in, message)) {
                    out.write(message);
                }
            } catch (IOException closed) {
                // the peers' process has ended
            }
        });
    }
}
