package org.symbi.kernel.crash;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.store.powerloss.ChildJvm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills the orchestrator without warning while producers send and consumers ack, restarts it on the same data
 * directory, and checks that every message a producer was told "accepted" reaches its consumer: before the
 * crash (acked there) or after the restart. Duplicates are allowed where at-least-once allows them (an ack that
 * had not reached the disk) and vanish when the receiver dedups by message id.
 * <p>
 * SIGKILL keeps what the process wrote in the OS cache, so the same run is repeated on the power-loss file
 * system, where every write not forced to disk by the moment of the kill is lost. That this file system really
 * drops unforced writes is shown by the store's PowerLossTest (and by this test, which loses acked messages if
 * the bus skips its sync); here it shows that the bus forces before it acks.
 * <p>
 * Each test restarts twice: after the second start, ids acked in the first run are sent again and must come back
 * as duplicates, not as new messages.
 */
@Timeout(60)
class CrashTest {
    private static final int ACKS_BEFORE_FIRST_KILL = 2_000;
    private static final int ACKS_BEFORE_SECOND_KILL = 500;
    private static final Duration LINE_TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void sigkillLosesNoAcknowledgedMessage() throws Exception {
        crashRestartAndCheck("file");
    }

    @Test
    void powerLossLosesNoAcknowledgedMessage() throws Exception {
        crashRestartAndCheck("volatile");
    }

    private void crashRestartAndCheck(String mode) throws Exception {
        Traffic first = trafficUntilKilled(mode, ACKS_BEFORE_FIRST_KILL, List.of());
        Drain firstDrain = drain();
        int firstDuplicates = check(mode, first, firstDrain);

        // The first and the last acked message of the first run: both must still be known after two restarts.
        List<String> resend = List.of(first.acked.getFirst(), first.acked.getLast());
        Traffic second = trafficUntilKilled(mode, ACKS_BEFORE_SECOND_KILL, resend);
        assertThat(second.resent).as("outcome of sending acked ids again after restarts")
                .containsOnlyKeys(resend).allSatisfy((id, outcome) -> assertThat(outcome).isEqualTo("DUPLICATE"));
        Drain secondDrain = drain();
        int secondDuplicates = check(mode, second, secondDrain);
        assertThat(second.done).as("resent ids delivered again").doesNotContainAnyElementsOf(resend);
        assertThat(secondDrain.got).as("resent ids delivered again").doesNotContainAnyElementsOf(resend);

        System.out.printf("crash test [%s]: run 1: %d acked before the kill, %d delivered after restart, %d duplicates"
                        + " removed by message-id dedup; run 2: %d acked, %d delivered after restart, %d duplicates;"
                        + " resent acked ids: %s%n",
                mode, first.acked.size(), firstDrain.got.size(), firstDuplicates,
                second.acked.size(), secondDrain.got.size(), secondDuplicates, second.resent.values());
    }

    /**
     * Checks one crash: nothing acked is lost, and what was delivered twice is exactly what dedup removes.
     * Returns the number of duplicates.
     */
    private static int check(String mode, Traffic traffic, Drain drain) {
        assertThat(drain.corrupt).as("deliveries whose payload differs from what was sent").isEmpty();
        List<String> got = drain.got;
        assertThat(traffic.done).as("an accepted ack ends a message's deliveries within one run").doesNotHaveDuplicates();

        // What the consumers processed, in order: before the crash, then after the restart.
        List<String> processed = new ArrayList<>(traffic.done);
        processed.addAll(got);
        // The receiver's dedup: a message id it has seen is not processed again.
        Set<String> seen = new HashSet<>();
        List<String> effective = processed.stream().filter(seen::add).toList();

        assertThat(effective).as("every acked message is delivered").containsAll(traffic.acked);
        assertThat(got).as("a crash mid-stream leaves messages to deliver after the restart").isNotEmpty();
        assertThat(effective).as("after dedup").doesNotHaveDuplicates().hasSameSizeAs(Set.copyOf(processed));

        Set<String> doneThenGot = new HashSet<>(traffic.done);
        doneThenGot.retainAll(got);
        int gotTwice = got.size() - Set.copyOf(got).size();
        int duplicates = processed.size() - effective.size();
        assertThat(duplicates).as("duplicates: acked before the crash but delivered again, or delivered twice after")
                .isEqualTo(doneThenGot.size() + gotTwice);

        if (mode.equals("volatile")) {
            assertThat(traffic.minForcesAtAck).as("forces of the volatile file before any ack").isPositive();
        }
        return duplicates;
    }

    /** What a traffic run printed. */
    private static final class Traffic {
        final List<String> acked = new ArrayList<>();
        final List<String> done = new ArrayList<>();
        final Map<String, String> resent = new LinkedHashMap<>();
        /** The fewest forces of the volatile file that any ack was printed after. */
        long minForcesAtAck = Long.MAX_VALUE;

        void record(String line) {
            String[] f = line.split(" ");
            switch (f[0]) {
                case "ACK" -> {
                    acked.add(f[1]);
                    minForcesAtAck = Math.min(minForcesAtAck, Long.parseLong(f[2]));
                }
                case "DONE" -> done.add(f[1]);
                case "RESENT" -> resent.put(f[1], f[2]);
                default -> throw new AssertionError("unexpected line from the traffic: " + line);
            }
        }
    }

    /** Runs traffic until it has acked {@code target} messages, SIGKILLs it, and collects all it printed. */
    private Traffic trafficUntilKilled(String mode, int target, List<String> resend) throws Exception {
        List<String> args = new ArrayList<>(List.of(dir.toString(), mode, "traffic"));
        args.addAll(resend);
        Traffic t = new Traffic();
        try (ChildJvm child = ChildJvm.start(OrchestratorProcess.class, args.toArray(String[]::new))) {
            while (t.acked.size() < target) {
                String line = child.readLine(LINE_TIMEOUT);
                assertThat(line).as("a line from the traffic after %d acks", t.acked.size()).isNotNull();
                t.record(line);
            }
            child.kill();
            // Lines already in the pipe when the kill came were printed, so they are promises too.
            for (String line; (line = child.readLine(LINE_TIMEOUT)) != null; ) {
                t.record(line);
            }
        }
        return t;
    }

    /** What the drain printed. */
    private record Drain(List<String> got, List<String> corrupt) {
    }

    /** Restarts the orchestrator on the real file system and collects what it delivers until it is idle. */
    private Drain drain() throws Exception {
        Drain d = new Drain(new ArrayList<>(), new ArrayList<>());
        try (ChildJvm child = ChildJvm.start(OrchestratorProcess.class, dir.toString(), "file", "drain")) {
            for (String line; !"IDLE".equals(line = child.readLine(LINE_TIMEOUT)); ) {
                assertThat(line).as("a line from the drain after %d deliveries", d.got.size()).isNotNull();
                String[] f = line.split(" ");
                switch (f[0]) {
                    case "GOT" -> d.got.add(f[1]);
                    case "CORRUPT" -> d.corrupt.add(f[1]);
                    default -> throw new AssertionError("unexpected line from the drain: " + line);
                }
            }
            assertThat(child.process().waitFor(10, TimeUnit.SECONDS)).as("the drain exits").isTrue();
            assertThat(child.process().exitValue()).as("exit code of the drain").isZero();
        }
        return d;
    }
}
