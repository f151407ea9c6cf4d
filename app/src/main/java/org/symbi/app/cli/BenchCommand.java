package org.symbi.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.symbi.app.bench.AuthorizeBenchmark;
import org.symbi.app.bench.BusBenchmark;
import org.symbi.app.bench.GatewayBenchmark;
import org.symbi.app.bench.LedgerBenchmark;
import org.symbi.app.bench.LoopbackBenchmark;
import org.symbi.app.bench.UiBenchmark;
import org.symbi.app.bench.WarmUp;
import org.symbi.protocol.DeliveryClass;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code symbi bench}: the product's performance figures, one JSON line each. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the product's performance; prints one JSON line per figure.",
        subcommands = {BenchCommand.Bus.class, BenchCommand.LedgerBench.class, BenchCommand.Authorize.class,
                BenchCommand.GatewayBench.class, BenchCommand.Loopback.class, BenchCommand.Ui.class})
final class BenchCommand implements Runnable {
    private static final ObjectMapper JSON = new ObjectMapper();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Work that needs a data directory: the given one, or a temporary one deleted afterwards. */
    interface DirWork {
        void run(Path dir) throws Exception;
    }

    static void inDataDir(Path given, String prefix, DirWork work) throws Exception {
        Path dir = given != null ? given : Files.createTempDirectory(prefix);
        try {
            work.run(dir);
        } finally {
            if (given == null) {
                deleteTree(dir);
            }
        }
    }

    static ObjectNode line(String bench) {
        return JSON.createObjectNode().put("bench", bench);
    }

    static void print(ObjectNode line) throws IOException {
        System.out.println(JSON.writeValueAsString(line));
    }

    static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Command(name = "bus", mixinStandardHelpOptions = true,
            description = "Message bus throughput and latency, in-process (transient) and durable (file-backed H2, synced before ack).")
    static final class Bus implements Callable<Integer> {
        @Option(names = "--mode", defaultValue = "all", description = "in-process, durable or all (default: ${DEFAULT-VALUE}).")
        String mode;

        @Option(names = "--producers", defaultValue = "4", description = "Producing agents (default: ${DEFAULT-VALUE}).")
        int producers;

        @Option(names = "--consumers", defaultValue = "4", description = "Consuming agents (default: ${DEFAULT-VALUE}).")
        int consumers;

        @Option(names = "--messages", defaultValue = "2000000", description = "Measured messages, in-process (default: ${DEFAULT-VALUE}).")
        long inProcessMessages;

        @Option(names = "--durable-messages", defaultValue = "300000", description = "Measured messages, durable (default: ${DEFAULT-VALUE}).")
        long durableMessages;

        @Option(names = "--window", defaultValue = "32", description = "Unanswered messages per producer (default: ${DEFAULT-VALUE}).")
        int window;

        @Option(names = "--data", paramLabel = "DIR", description = "Where the durable run keeps its database (default: a temporary directory, deleted afterwards).")
        Path data;

        @Override
        public Integer call() throws Exception {
            if (!mode.equals("all") && !mode.equals("in-process") && !mode.equals("durable")) {
                throw new IllegalArgumentException("--mode must be in-process, durable or all, not '" + mode + "'");
            }
            inDataDir(data, "symbi-bench-bus", dir -> {
                if (!mode.equals("durable")) {
                    printBus(measure(DeliveryClass.TRANSIENT, dir.resolve("in-process"), inProcessMessages), false);
                }
                if (!mode.equals("in-process")) {
                    printBus(measure(DeliveryClass.DURABLE, dir.resolve("durable"), durableMessages), true);
                }
            });
            return 0;
        }

        private BusBenchmark.Result measure(DeliveryClass delivery, Path dir, long messages) throws InterruptedException {
            try (BusBenchmark bench = new BusBenchmark(delivery, dir, producers, consumers, window)) {
                bench.run(Math.max(1, messages / 4)); // warm-up: JIT, caches, H2 pages
                return bench.run(messages);
            }
        }

        private static void printBus(BusBenchmark.Result r, boolean withSyncs) throws IOException {
            ObjectNode line = line("bus")
                    .put("mode", r.mode())
                    .put("producers", r.producers())
                    .put("consumers", r.consumers())
                    .put("messages", r.messages())
                    .put("msgs_per_s", Math.round(r.msgsPerS()))
                    .put("p50_ms", round3(r.p50Ms()))
                    .put("p99_ms", round3(r.p99Ms()));
            if (withSyncs) {
                line.put("syncs", r.syncs());
            }
            print(line);
        }
    }

    @Command(name = "ledger", mixinStandardHelpOptions = true,
            description = "Ledger: batched appends, single durable appends, and verification of the whole ledger.")
    static final class LedgerBench implements Callable<Integer> {
        @Option(names = "--entries", defaultValue = "1000000",
                description = "Entries appended in batches, then verified (default: ${DEFAULT-VALUE}).")
        long entries;

        @Option(names = "--single", defaultValue = "5000", description = "Single durable appends timed (default: ${DEFAULT-VALUE}).")
        int single;

        @Option(names = "--data", paramLabel = "DIR", description = "Where the ledger is kept (default: a temporary directory, deleted afterwards).")
        Path data;

        @Override
        public Integer call() throws Exception {
            inDataDir(data, "symbi-bench-ledger", dir -> {
                try (LedgerBenchmark bench = new LedgerBenchmark(dir)) {
                    LedgerBenchmark.Batched batched = bench.batched(entries);
                    LedgerBenchmark.Verified verified = bench.verify();
                    if (!verified.ok()) {
                        throw new IllegalStateException("the benchmark's own ledger failed verification");
                    }
                    bench.single(Math.max(1, single / 5)); // warm-up of the single-append path
                    LedgerBenchmark.Single one = bench.single(single);
                    print(line("ledger").put("mode", "batched").put("entries", batched.entries())
                            .put("entries_per_s", Math.round(batched.entriesPerSecond())));
                    print(line("ledger").put("mode", "single").put("p50_ms", round3(one.p50Ms()))
                            .put("p99_ms", round3(one.p99Ms())));
                    print(line("ledger").put("mode", "verify").put("entries", verified.entries())
                            .put("seconds", round3(verified.seconds())));
                }
            });
            return 0;
        }
    }

    @Command(name = "authorize", mixinStandardHelpOptions = true,
            description = "Latency of one authorize decision among many live warrants, distinct arguments each call.")
    static final class Authorize implements Callable<Integer> {
        @Option(names = "--agents", defaultValue = "1000", description = "Agents holding warrants (default: ${DEFAULT-VALUE}).")
        int agents;

        @Option(names = "--warrants-per-agent", defaultValue = "10", description = "Live warrants per agent (default: ${DEFAULT-VALUE}).")
        int perAgent;

        @Option(names = "--calls", defaultValue = "200000", description = "Timed decisions (default: ${DEFAULT-VALUE}).")
        long calls;

        @Option(names = "--data", paramLabel = "DIR", description = "Where governance keeps its state (default: a temporary directory, deleted afterwards).")
        Path data;

        @Override
        public Integer call() throws Exception {
            inDataDir(data, "symbi-bench-authorize", dir -> {
                try (AuthorizeBenchmark bench = new AuthorizeBenchmark(dir, agents, perAgent)) {
                    bench.run(calls / 2, 0); // warm-up
                    AuthorizeBenchmark.Result r = bench.run(calls, calls);
                    print(line("authorize").put("p50_ms", round3(r.p50Ms())).put("p99_ms", round3(r.p99Ms())));
                }
            });
            return 0;
        }
    }

    @Command(name = "gateway", mixinStandardHelpOptions = true,
            description = "Gateway: durable throughput, request/response latency and idle cost, with SDK agents in a second process.")
    static final class GatewayBench implements Callable<Integer> {
        @Option(names = "--agents", defaultValue = "10", description = "Agents exchanging messages (default: ${DEFAULT-VALUE}).")
        int agents;

        @Option(names = "--messages", defaultValue = "200000", description = "Durable messages measured (default: ${DEFAULT-VALUE}).")
        long messages;

        @Option(names = "--window", defaultValue = "256",
                description = "Messages each agent may have sent without their receipt yet (default: ${DEFAULT-VALUE}, "
                        + "the delivery window the room grants each agent).")
        int window;

        @Option(names = "--round-trips", defaultValue = "20000", description = "Request/response round trips (default: ${DEFAULT-VALUE}).")
        int roundTrips;

        @Option(names = "--warm-up-seconds",
                description = "Uncounted traffic before throughput and before request/response are measured, while the JIT "
                        + "compiles their paths (default: until the compilers of both processes are quiet, 20 s to 3 min).")
        Integer warmUpSeconds;

        @Option(names = "--idle-agents", defaultValue = "1000", description = "Idle connected agents (default: ${DEFAULT-VALUE}).")
        int idleAgents;

        @Option(names = "--idle-seconds", defaultValue = "60", description = "How long idle CPU is measured (default: ${DEFAULT-VALUE}).")
        int idleSeconds;

        @Option(names = "--data", paramLabel = "DIR", description = "Where the room keeps its data (default: a temporary directory, deleted afterwards).")
        Path data;

        @Override
        public Integer call() throws Exception {
            inDataDir(data, "symbi-bench-gateway", dir -> {
                try (GatewayBenchmark bench = new GatewayBenchmark(dir)) {
                    GatewayBenchmark.Throughput t = bench.throughput(agents, messages, window, warmUp());
                    print(line("gateway").put("mode", "throughput").put("agents", t.agents())
                            .put("msgs_per_s", Math.round(t.msgsPerSecond())));
                    GatewayBenchmark.RequestResponse rr = bench.requestResponse(roundTrips, warmUp());
                    print(line("gateway").put("mode", "request-response").put("p50_ms", round3(rr.p50Ms()))
                            .put("p99_ms", round3(rr.p99Ms())));
                    GatewayBenchmark.Idle idle = bench.idle(idleAgents, Duration.ofSeconds(idleSeconds));
                    print(line("gateway").put("mode", "idle").put("agents", idle.agents())
                            .put("cpu_percent", round3(idle.cpuPercent()))
                            .put("rss_kb_per_agent", round3(idle.rssKbPerAgent())));
                }
            });
            return 0;
        }

        private WarmUp warmUp() {
            return warmUpSeconds == null ? WarmUp.untilCompilersQuiet() : WarmUp.fixed(Duration.ofSeconds(warmUpSeconds));
        }
    }

    @Command(name = "loopback", mixinStandardHelpOptions = true,
            description = "The machine's floor under the gateway's request/response figure: the same four hops over "
                    + "loopback TCP between two processes, with blocking sockets and no protocol.")
    static final class Loopback implements Callable<Integer> {
        @Option(names = "--round-trips", defaultValue = "40000",
                description = "Round trips timed, after as many uncounted (default: ${DEFAULT-VALUE}).")
        int roundTrips;

        @Option(names = "--bytes", defaultValue = "384",
                description = "Size of each message, about that of a transient delivery (default: ${DEFAULT-VALUE}).")
        int bytes;

        @Override
        public Integer call() throws Exception {
            LoopbackBenchmark.Result r = LoopbackBenchmark.run(roundTrips, bytes);
            print(line("loopback").put("mode", "relay").put("bytes", r.bytes()).put("round_trips", r.roundTrips())
                    .put("p50_ms", round3(r.p50Ms())).put("p99_ms", round3(r.p99Ms())));
            return 0;
        }
    }

    @Command(name = "ui", mixinStandardHelpOptions = true,
            description = "Frame rate of the topology view with many agents and heavy message traffic, in a live window "
                    + "(JavaFX's headless platform when there is no display).")
    static final class Ui implements Callable<Integer> {
        @Option(names = "--agents", defaultValue = "1000", description = "Agents registered and shown (default: ${DEFAULT-VALUE}).")
        int agents;

        @Option(names = "--rate", defaultValue = "5000", description = "Messages sent per second (default: ${DEFAULT-VALUE}).")
        int rate;

        @Option(names = "--seconds", defaultValue = "20", description = "Measured seconds, after 5 s of warm-up (default: ${DEFAULT-VALUE}).")
        int seconds;

        @Option(names = "--delivery", defaultValue = "transient",
                description = "Delivery class of the messages: transient (in memory, the default: the figure is the UI's) "
                        + "or durable (each message on disk first, sharing the CPU with the UI).")
        String delivery;

        @Option(names = "--data", paramLabel = "DIR", description = "Where the room keeps its data (default: a temporary directory, deleted afterwards).")
        Path data;

        @Override
        public Integer call() throws Exception {
            DeliveryClass deliveryClass = switch (delivery) {
                case "transient" -> DeliveryClass.TRANSIENT;
                case "durable" -> DeliveryClass.DURABLE;
                default -> throw new IllegalArgumentException("--delivery must be transient or durable, not '" + delivery + "'");
            };
            if (agents < 2 || rate < 1 || seconds < 1) {
                throw new IllegalArgumentException("--agents must be at least 2, --rate and --seconds at least 1");
            }
            UiBenchmark.startToolkit();
            try {
                inDataDir(data, "symbi-bench-ui", dir -> {
                    UiBenchmark.Result r;
                    try (UiBenchmark bench = new UiBenchmark(dir)) {
                        r = bench.run(agents, rate, deliveryClass, Duration.ofSeconds(5), Duration.ofSeconds(seconds));
                    }
                    print(line("ui").put("agents", r.agents()).put("msgs_per_s", r.msgsPerSecond())
                            .put("delivered", r.delivered()).put("nodes", r.nodes())
                            .put("median_fps", round3(r.medianFps())).put("p99_frame_ms", round3(r.p99FrameMs())));
                });
            } finally {
                UiBenchmark.stopToolkit();
            }
            return 0;
        }
    }
}
