package org.symbi.app.bench;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Arrays;

/**
 * The asker and the answerer of {@code symbi bench loopback}, in a process of their own, each on a socket to the
 * relay. Arguments: {@code PORT ROUND_TRIPS BYTES}. The asker sends a message and waits for its echo, as many times
 * uncounted and then timed; prints {@code {"p50_ns":…,"p99_ns":…}} on stdout.
 */
public final class LoopbackPeers {
    private LoopbackPeers() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int roundTrips = Integer.parseInt(args[1]);
        int bytes = Integer.parseInt(args[2]);
        try (Socket asker = connect(port); Socket answerer = connect(port)) {
            InputStream answererIn = answerer.getInputStream();
            OutputStream answererOut = answerer.getOutputStream();
            Thread.ofPlatform().daemon().name("symbi-bench-answerer").start(() -> {
                byte[] message = new byte[bytes];
                try {
                    while (readMessage(answererIn, message)) {
                        answererOut.write(message);
                    }
                } catch (IOException closed) {
                    // the benchmark is over
                }
            });
            InputStream in = asker.getInputStream();
            OutputStream out = asker.getOutputStream();
            byte[] message = new byte[bytes];
            Arrays.fill(message, (byte) 'x');
            Histogram h = new Histogram(3);
            for (int i = 0; i < 2 * roundTrips; i++) {
                long t0 = System.nanoTime();
                out.write(message);
                if (!readMessage(in, message)) {
                    throw new IOException("the relay closed the connection");
                }
                if (i >= roundTrips) {
                    h.recordValue(System.nanoTime() - t0);
                }
            }
            System.out.println("{\"p50_ns\":" + h.getValueAtPercentile(50) + ",\"p99_ns\":" + h.getValueAtPercentile(99) + "}");
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.setTcpNoDelay(true);
        return s;
    }

    /** Fills {@code message} from the stream; false if the stream ended first. */
    static boolean readMessage(InputStream in, byte[] message) throws IOException {
        return in.readNBytes(message, 0, message.length) == message.length;
    }
}
