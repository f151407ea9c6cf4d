package org.symbi.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.symbi.gateway.Gateway;
import org.symbi.gateway.GatewayConfig;
import org.symbi.governance.AgentTokens;
import org.symbi.kernel.Kernel;
import org.symbi.kernel.KernelConfig;
import org.symbi.kernel.supervisor.RoomTokens;
import org.symbi.store.DataDir;
import org.symbi.store.Database;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The orchestrator with its gateway in this process, and real SDK agents in a second process on loopback
 * WebSockets ({@link GatewayLoad}). The server's CPU and memory are read from {@code /proc/self}.
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
    private final Database db;
    private final Kernel kernel;
    private final AgentTokens tokens;
    private final Gateway gateway;
    private int issued;

    public GatewayBenchmark(Path dir) {
        this.dir = dir;
        DataDir data = new DataDir(dir);
        this.db = Database.open(data);
        KernelConfig config = KernelConfig.defaults().toBuilder().ratePerSecond(1_000_000).build();
        this.kernel = new Kernel(db, data, config, InstantSource.system()).start();
        this.tokens = RoomTokens.open(db, data, kernel);
        this.gateway = Gateway.start(kernel, GatewayConfig.local(tokens).withRateLimit(2_000_000, 1_000));
    }

    /** Issues tokens for fresh agents and writes them where the load process reads them. */
    private Path agents(int n) throws IOException {
        List<String> lines = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String id = "bench-agent-" + (issued++);
            tokens.grant(id, Set.of("bench"), Set.of());
            lines.add(id + " " + tokens.issue(id, Set.of("bench"), Set.of()));
        }
        Path file = Files.createTempFile(dir, "agents", ".txt");
        Files.write(file, lines);
        return file;
    }

    public Throughput throughput(int agents, long messages, int window) throws Exception {
        JsonNode r = load("throughput", agents(agents), Long.toString(messages), Integer.toString(window));
        return new Throughput(agents, r.get("delivered").asLong() / r.get("seconds").asDouble());
    }

    public RequestResponse requestResponse(int roundTrips) throws Exception {
        JsonNode r = load("request-response", agents(2), Integer.toString(roundTrips));
        return new RequestResponse(r.get("p50_ms").asDouble(), r.get("p99_ms").asDouble());
    }

    /**
     * Connects {@code agents} idle agents, then measures the server's CPU over {@code window} and its RSS growth.
     * The window opens a minute after the last agent connected (at least three heartbeat intervals): by then
     * every agent has taken up the pace the room asks of a fleet this size, and the JIT has compiled the paths
     * of a heartbeat, which at an idle fleet's rate take that long to become hot.
     */
    public Idle idle(int agents, Duration window) throws Exception {
        Path agentsFile = agents(agents);
        settle();
        long rssBefore = rssKb();
        Process load = start("idle", agentsFile);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(load.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null && !line.startsWith("CONNECTED"); ) {
                // the load process prints nothing else on stdout
            }
            if (gateway.connectedAgents().size() < agents) {
                throw new IllegalStateException("only " + gateway.connectedAgents().size() + " of " + agents + " connected");
            }
            Thread.sleep(Math.max(WARM_UP.toMillis(), 3 * kernel.registry().heartbeatInterval().toMillis()));
            settle();
            long rssAfter = rssKb();
            long ticksBefore = cpuTicks();
            long start = System.nanoTime();
            Thread.sleep(window.toMillis());
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = 100.0 * (cpuTicks() - ticksBefore) / clockTicksPerSecond() / seconds;
            return new Idle(agents, cpu, (double) (rssAfter - rssBefore) / agents);
        } finally {
            load.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private JsonNode load(String mode, Path agentsFile, String... args) throws Exception {
        Process p = start(mode, agentsFile, args);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String last = null;
            for (String line; (line = out.readLine()) != null; ) {
                last = line;
            }
            if (p.waitFor() != 0 || last == null) {
                throw new IllegalStateException("the load process failed (" + mode + "); see its output above");
            }
            return JSON.readTree(last);
        } finally {
            p.destroyForcibly();
        }
    }

    private Process start(String mode, Path agentsFile, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                // java.home's java, not this process's command: under a native launcher that is the launcher.
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xss512k",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                GatewayLoad.class.getName(), mode, gateway.address(), agentsFile.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** Lets garbage from setting up go, so that memory figures show what stays. */
    private static void settle() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
    }

    private static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IOException("no VmRSS in /proc/self/status");
    }

    /** User plus system CPU time of this process, in clock ticks (fields 14 and 15 of /proc/self/stat). */
    private static long cpuTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static long clockTicksPerSecond() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor();
        return Long.parseLong(out);
    }

    @Override
    public void close() {
        gateway.close();
        kernel.close();
        db.close();
    }
}
