package org.symbi.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.symbi.app.proc.ProcFs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The orchestrator with its gateway in this process for throughput and request/response, and real SDK agents in a
 * second process on loopback WebSockets ({@link GatewayLoad}). The idle phase runs the room in a process of its own
 * ({@link GatewayRoom}), fresh, and reads its CPU and memory from {@code /proc/PID}.
 */
public final class GatewayBenchmark implements AutoCloseable {
    public record Throughput(int agents, double msgsPerSecond) {
    }

    public record RequestResponse(double p50Ms, double p99Ms) {
    }

    public record Idle(int agents, double cpuPercent, double rssKbPerAgent) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WARM_UP = Duration.ofMinutes(1);

    private final Path dir;
    private final BenchRoom room;

    public GatewayBenchmark(Path dir) {
        this.dir = dir;
        this.room = new BenchRoom(dir.resolve("room"));
    }

    public Throughput throughput(int agents, long messages, int window, WarmUp warmUp) throws Exception {
        JsonNode r = load("throughput", warmUp, room.agents(agents), Long.toString(messages), Integer.toString(window),
                warmUp.argument());
        return new Throughput(agents, r.get("delivered").asLong() / r.get("seconds").asDouble());
    }

    public RequestResponse requestResponse(int roundTrips, WarmUp warmUp) throws Exception {
        JsonNode r = load("request-response", warmUp, room.agents(2), Integer.toString(roundTrips), warmUp.argument());
        return new RequestResponse(r.get("p50_ms").asDouble(), r.get("p99_ms").asDouble());
    }

    /**
     * Starts a fresh room process and connects {@code agents} idle agents to it, then measures its CPU over
     * {@code window} and its RSS growth. The window opens a minute after the last agent connected (at least three
     * heartbeat intervals): by then every agent has taken up the pace the room asks of a fleet this size, and the
     * JIT has compiled the paths of a heartbeat, which at an idle fleet's rate take that long to become hot.
     */
    public Idle idle(int agents, Duration window) throws Exception {
        Process server = ChildJava.start(serverOptions(), GatewayRoom.class, dir.resolve("idle-room").toString(),
                Integer.toString(agents));
        try (BufferedReader serverOut = ChildJava.output(server);
             PrintWriter serverIn = new PrintWriter(server.outputWriter(StandardCharsets.UTF_8), true)) {
            String[] ready = expect(serverOut, "READY");
            settle(serverIn, serverOut);
            long rssBefore = ProcFs.rssKb(server.pid());
            Process load = ChildJava.start(List.of("-Xss512k"), GatewayLoad.class, "idle", ready[1], ready[2]);
            try (BufferedReader loadOut = ChildJava.output(load)) {
                expect(loadOut, "CONNECTED");
                String[] settled = settle(serverIn, serverOut);
                if (Integer.parseInt(settled[1]) < agents) {
                    throw new IllegalStateException("only " + settled[1] + " of " + agents + " connected");
                }
                Thread.sleep(Math.max(WARM_UP.toMillis(), 3 * Long.parseLong(settled[2])));
                settle(serverIn, serverOut);
                long rssAfter = ProcFs.rssKb(server.pid());
                long ticksBefore = ProcFs.cpuTicks(server.pid());
                long start = System.nanoTime();
                Thread.sleep(window.toMillis());
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpu = 100.0 * (ProcFs.cpuTicks(server.pid()) - ticksBefore) / ProcFs.clockTicksPerSecond() / seconds;
                return new Idle(agents, cpu, (double) (rssAfter - rssBefore) / agents);
            } finally {
                load.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } finally {
            if (!server.waitFor(30, TimeUnit.SECONDS)) { // its input has ended: it closes the room
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** The room process runs with this JVM's options (heap, collector, AOT cache), as the room would. */
    private static List<String> serverOptions() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(o -> !o.startsWith("-XX:StartFlightRecording") && !o.startsWith("-agentlib")
                        && !o.startsWith("--enable-native-access"))
                .toList();
    }

    private static String[] settle(PrintWriter serverIn, BufferedReader serverOut) throws IOException {
        serverIn.println("settle");
        return expect(serverOut, "SETTLED");
    }

    /** Reads lines until one starts with {@code word}; returns its words. */
    private static String[] expect(BufferedReader out, String word) throws IOException {
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith(word)) {
                return line.split(" ");
            }
        }
        throw new IllegalStateException("a benchmark process ended before it said " + word + "; see its output above");
    }

    /** Runs the load process in {@code mode} against the room in this process; returns its last line, parsed. */
    private JsonNode load(String mode, WarmUp warmUp, Path agentsFile, String... args) throws Exception {
        List<String> arguments = new ArrayList<>(List.of(mode, room.address(), agentsFile.toString()));
        arguments.addAll(List.of(args));
        Process p = ChildJava.start(List.of("-Xss512k"), GatewayLoad.class, arguments.toArray(String[]::new));
        warmUp.start();
        try (BufferedReader out = ChildJava.output(p);
             PrintWriter in = new PrintWriter(p.outputWriter(StandardCharsets.UTF_8), true)) {
            String last = null;
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("WARM ")) {
                    in.println(warmUp.roundEnded(Long.parseLong(line.substring(5).trim())) ? "go" : "more");
                } else {
                    last = line;
                }
            }
            if (p.waitFor() != 0 || last == null) {
                throw new IllegalStateException("the load process failed (" + mode + "); see its output above");
            }
            System.err.println(mode + " warm-up: " + warmUp.outcome());
            return JSON.readTree(last);
        } finally {
            p.destroyForcibly();
        }
    }

    @Override
    public void close() {
        room.close();
    }
}
