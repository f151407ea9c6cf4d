package org.symbi.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.symbi.app.bench.BusBenchmark;
import org.symbi.protocol.DeliveryClass;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code symbi bench}: the product's performance figures, one JSON line each. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the product's performance; prints one JSON line per figure.",
        subcommands = {BenchCommand.Bus.class})
final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
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

        private final ObjectMapper json = new ObjectMapper();

        @Override
        public Integer call() throws Exception {
            if (!mode.equals("all") && !mode.equals("in-process") && !mode.equals("durable")) {
                throw new IllegalArgumentException("--mode must be in-process, durable or all, not '" + mode + "'");
            }
            Path dir = data != null ? data : Files.createTempDirectory("symbi-bench-bus");
            try {
                if (!mode.equals("durable")) {
                    print(measure(DeliveryClass.TRANSIENT, dir.resolve("in-process"), inProcessMessages), false);
                }
                if (!mode.equals("in-process")) {
                    print(measure(DeliveryClass.DURABLE, dir.resolve("durable"), durableMessages), true);
                }
            } finally {
                if (data == null) {
                    deleteTree(dir);
                }
            }
            return 0;
        }

        private BusBenchmark.Result measure(DeliveryClass delivery, Path dir, long messages) throws InterruptedException {
            try (BusBenchmark bench = new BusBenchmark(delivery, dir, producers, consumers, window)) {
                bench.run(Math.max(1, messages / 4)); // warm-up: JIT, caches, H2 pages
                return bench.run(messages);
            }
        }

        private void print(BusBenchmark.Result r, boolean withSyncs) throws IOException {
            ObjectNode line = json.createObjectNode()
                    .put("bench", "bus")
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
            System.out.println(json.writeValueAsString(line));
        }

        private static double round3(double v) {
            return Math.round(v * 1000) / 1000.0;
        }

        private static void deleteTree(Path dir) throws IOException {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
