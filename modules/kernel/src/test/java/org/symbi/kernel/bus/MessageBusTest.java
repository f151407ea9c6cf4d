package org.symbi.kernel.bus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.kernel.KernelConfig;
import org.symbi.kernel.events.KernelEvent;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.MessageType;
import org.symbi.protocol.Priority;
import org.symbi.protocol.Recipients;
import org.symbi.store.DataDir;
import org.symbi.store.Database;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.symbi.kernel.bus.BusFixture.message;

class MessageBusTest {
    private static final AtomicInteger DB = new AtomicInteger();

    private static Database memory() {
        return Database.inMemory("bus-" + DB.incrementAndGet());
    }

    @Test
    void lanesAreDrainedByPriorityWithoutStarvingLow() {
        try (BusFixture f = new BusFixture(memory(), KernelConfig.defaults().toBuilder().deliveryWindow(1000).build(), "a", "b")) {
            for (int i = 0; i < 100; i++) {
                for (Priority p : Priority.values()) {
                    f.send(message("a", "b", p, p + "-" + i));
                }
            }
            List<Delivery> got = f.attach("b");
            assertThat(got).hasSize(400);
            List<Priority> first15 = got.subList(0, 15).stream().map(d -> d.envelope().priority()).toList();
            assertThat(first15).containsExactly(
                    Priority.CRITICAL, Priority.CRITICAL, Priority.CRITICAL, Priority.CRITICAL,
                    Priority.CRITICAL, Priority.CRITICAL, Priority.CRITICAL, Priority.CRITICAL,
                    Priority.HIGH, Priority.HIGH, Priority.HIGH, Priority.HIGH,
                    Priority.NORMAL, Priority.NORMAL, Priority.LOW);
            long lowInFirst150 = got.subList(0, 150).stream().filter(d -> d.envelope().priority() == Priority.LOW).count();
            assertThat(lowInFirst150).as("low gets one turn in every round of 15").isEqualTo(10);
            // Within a lane, order is kept.
            List<String> lows = got.stream().filter(d -> d.envelope().priority() == Priority.LOW)
                    .map(d -> d.envelope().payload().get("text").asText()).toList();
            assertThat(lows.get(0)).isEqualTo("LOW-0");
            assertThat(lows.get(99)).isEqualTo("LOW-99");
        }
    }

    @Test
    void unacknowledgedDeliveriesAreRedeliveredThenDeadLettered() {
        KernelConfig config = KernelConfig.defaults().toBuilder().ackTimeout(Duration.ofSeconds(5)).maxDeliveries(3).build();
        try (BusFixture f = new BusFixture(memory(), config, "a", "b")) {
            List<KernelEvent> dead = new CopyOnWriteArrayList<>();
            f.events.subscribe(KernelEvent.MessageDeadLettered.class, dead::add);
            List<Delivery> got = f.attach("b");
            Envelope m = message("a", "b", Priority.HIGH, "hello");
            f.send(m);
            assertThat(got).hasSize(1);
            Delivery first = got.getFirst();
            assertThat(first.attempt()).isEqualTo(1);

            f.clock.advance(Duration.ofSeconds(6));
            f.bus.tick();
            assertThat(got).hasSize(2);
            Delivery second = got.get(1);
            assertThat(second.attempt()).isEqualTo(2);
            assertThat(second.deliveryId()).isNotEqualTo(first.deliveryId());
            assertThat(f.bus.ack("b", first.deliveryId())).as("late ack of an expired attempt").isFalse();

            f.clock.advance(Duration.ofSeconds(6));
            f.bus.tick();
            assertThat(got).hasSize(3);
            f.clock.advance(Duration.ofSeconds(6));
            f.bus.tick();
            assertThat(got).as("no fourth delivery").hasSize(3);
            assertThat(dead).hasSize(1);
            awaitWriter(f);
            List<DeadLetter> letters = f.bus.deadLetters("b", 10);
            assertThat(letters).singleElement().satisfies(l -> {
                assertThat(l.envelope().messageId()).isEqualTo(m.messageId());
                assertThat(l.attempts()).isEqualTo(3);
            });

            assertThat(f.bus.retryDeadLetter(letters.getFirst().seq())).isTrue();
            assertThat(got).hasSize(4);
            assertThat(got.get(3).attempt()).isEqualTo(1);
            assertThat(f.bus.ack("b", got.get(3).deliveryId())).isTrue();
            assertThat(f.bus.ack("b", got.get(3).deliveryId())).as("second ack of the same delivery").isFalse();
        }
    }

    @Test
    void duplicatesAreRecognisedAcrossARestart(@TempDir Path dir) {
        Envelope m = message("a", "b", Priority.NORMAL, "once");
        try (BusFixture f = new BusFixture(Database.open(new DataDir(dir)), KernelConfig.defaults(), "a", "b")) {
            assertThat(f.send(m).outcome()).isEqualTo(SendResult.Outcome.ACCEPTED);
            assertThat(f.send(m).outcome()).isEqualTo(SendResult.Outcome.DUPLICATE);
        }
        try (BusFixture f = new BusFixture(Database.open(new DataDir(dir)), KernelConfig.defaults(), "a", "b")) {
            assertThat(f.send(m).outcome()).isEqualTo(SendResult.Outcome.DUPLICATE);
            List<Delivery> got = f.attach("b");
            assertThat(got).as("the stored copy is delivered once").hasSize(1);
        }
    }

    @Test
    void waitingMessagesSurviveARestartAndAckedOnesAreNotRedelivered(@TempDir Path dir) {
        List<String> sent = new ArrayList<>();
        try (BusFixture f = new BusFixture(Database.open(new DataDir(dir)), KernelConfig.defaults(), "a", "b")) {
            List<Delivery> got = f.attach("b");
            for (int i = 0; i < 10; i++) {
                Envelope m = message("a", "b", Priority.NORMAL, "m" + i);
                sent.add(m.messageId());
                f.send(m);
            }
            assertThat(got).hasSize(10);
            for (int i = 0; i < 4; i++) {
                assertThat(f.bus.ack("b", got.get(i).deliveryId())).isTrue();
            }
        }
        try (BusFixture f = new BusFixture(Database.open(new DataDir(dir)), KernelConfig.defaults(), "a", "b")) {
            List<Delivery> got = f.attach("b");
            assertThat(got).extracting(d -> d.envelope().messageId()).containsExactlyElementsOf(sent.subList(4, 10));
        }
    }

    @Test
    void aDamagedStoredMessageBecomesADeadLetterAndTheBusStillStarts(@TempDir Path dir) {
        Envelope good = message("a", "b", Priority.NORMAL, "good");
        Envelope damaged = message("a", "b", Priority.NORMAL, "damaged");
        try (BusFixture f = new BusFixture(Database.open(new DataDir(dir)), KernelConfig.defaults(), "a", "b")) {
            f.send(damaged);
            f.send(good);
            f.db.inTransaction(c -> {
                try (var ps = c.prepareStatement("UPDATE bus_message SET envelope = ? WHERE message_id = ?")) {
                    ps.setBytes(1, "{\"message_id\": 42".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    ps.setString(2, damaged.messageId());
                    return ps.executeUpdate();
                }
            });
        }
        try (BusFixture f = new BusFixture(Database.open(new DataDir(dir)), KernelConfig.defaults(), "a", "b")) {
            assertThat(f.attach("b")).extracting(d -> d.envelope().messageId()).containsExactly(good.messageId());
            assertThat(f.bus.deadLetters("b", 10)).singleElement().satisfies(l -> {
                assertThat(l.envelope()).isNull();
                assertThat(l.reason()).startsWith("stored envelope unreadable");
            });
        }
    }

    @Test
    void aResendOlderThanTheDuplicateWindowIsStoredAgain() {
        KernelConfig config = KernelConfig.defaults().toBuilder().dedupWindow(512).build();
        try (BusFixture f = new BusFixture(memory(), config, "a", "b")) {
            Envelope first = message("a", "b", Priority.NORMAL, "first");
            assertThat(f.send(first).outcome()).isEqualTo(SendResult.Outcome.ACCEPTED);
            assertThat(f.send(first).outcome()).as("within the window").isEqualTo(SendResult.Outcome.DUPLICATE);
            for (int i = 0; i < 4_000; i++) {
                f.send(message("a", "b", Priority.LOW, "later-" + i));
            }
            assertThat(f.send(first).outcome()).as("forgotten: at least once allows a second copy")
                    .isEqualTo(SendResult.Outcome.ACCEPTED);
            assertThat(f.attach("b")).extracting(d -> d.envelope().messageId())
                    .filteredOn(first.messageId()::equals).hasSize(2);
        }
    }

    @Test
    void messageIdsAreUniquePerSender() {
        try (BusFixture f = new BusFixture(memory(), KernelConfig.defaults(), "a", "b", "c")) {
            Envelope fromA = message("a", "c", Priority.NORMAL, "from a").toBuilder().messageId("m-1").build();
            Envelope fromB = message("b", "c", Priority.NORMAL, "from b").toBuilder().messageId("m-1").build();
            assertThat(f.send(fromA).outcome()).isEqualTo(SendResult.Outcome.ACCEPTED);
            assertThat(f.send(fromB).outcome()).isEqualTo(SendResult.Outcome.ACCEPTED);
            assertThat(f.send(fromB).outcome()).isEqualTo(SendResult.Outcome.DUPLICATE);
            assertThat(f.attach("c")).hasSize(2);
        }
    }

    @Test
    void aRevivedDeadLetterIsDeliveredWhileItsLaneWaitsOnDisk() {
        KernelConfig config = KernelConfig.defaults().toBuilder().ackTimeout(Duration.ofSeconds(1)).maxDeliveries(1)
                .memoryLaneLimit(2).deliveryWindow(1).build();
        try (BusFixture f = new BusFixture(memory(), config, "a", "b")) {
            List<Delivery> got = f.attach("b");
            Envelope first = message("a", "b", Priority.NORMAL, "first");
            f.send(first);
            f.clock.advance(Duration.ofSeconds(2));
            f.bus.tick();
            awaitWriter(f);
            f.bus.detach("b");
            for (int i = 0; i < 6; i++) {
                f.send(message("a", "b", Priority.NORMAL, "later-" + i));
            }
            long deadSeq = f.bus.deadLetters("b", 1).getFirst().seq();
            assertThat(f.bus.retryDeadLetter(deadSeq)).isTrue();
            List<Delivery> again = new CopyOnWriteArrayList<>();
            f.bus.attach("b", d -> {
                again.add(d);
                f.bus.ack("b", d.deliveryId());
            });
            assertThat(again).extracting(d -> d.envelope().payload().get("text").asText())
                    .contains("first", "later-0", "later-5").hasSize(7);
        }
    }

    @Test
    void addressingDirectListBroadcastAndTopics() {
        try (BusFixture f = new BusFixture(memory(), KernelConfig.defaults(), "a", "b", "c", "d")) {
            List<Delivery> b = f.attach("b");
            List<Delivery> c = f.attach("c");
            List<Delivery> d = f.attach("d");
            List<Delivery> a = f.attach("a");

            f.send(message("a", "b", Priority.NORMAL, "direct"));
            f.send(message("a", "x", Priority.NORMAL, "x").toBuilder().toAgent(Recipients.of(List.of("b", "c"))).build());
            SendResult broadcast = f.send(message("a", "*", Priority.NORMAL, "all"));
            assertThat(broadcast.recipients()).containsExactlyInAnyOrder("b", "c", "d");

            f.bus.subscribe("c", "code.*");
            f.bus.subscribe("d", "code.generated");
            Envelope event = message("a", "*", Priority.NORMAL, "evt").toBuilder()
                    .messageType(MessageType.EVENT).topic("code.generated").build();
            assertThat(f.send(event).recipients()).containsExactlyInAnyOrder("c", "d");
            Envelope other = event.toBuilder().messageId("other").topic("code.reviewed").build();
            assertThat(f.send(other).recipients()).containsExactly("c");

            assertThat(b).hasSize(3);
            assertThat(c).hasSize(4);
            assertThat(d).hasSize(2);
            assertThat(a).isEmpty();

            SendResult unknown = f.send(message("a", "nobody", Priority.NORMAL, "?"));
            assertThat(unknown.outcome()).isEqualTo(SendResult.Outcome.REFUSED);
            assertThat(unknown.code()).isEqualTo("unknown_agent");
            assertThat(unknown.reason()).contains("nobody");
        }
    }

    @Test
    void transientMessagesAreDeliveredAtMostOnceAndNeverStored() {
        try (BusFixture f = new BusFixture(memory(), KernelConfig.defaults().toBuilder().ackTimeout(Duration.ofSeconds(1)).build(), "a", "b")) {
            List<KernelEvent> dropped = new CopyOnWriteArrayList<>();
            f.events.subscribe(KernelEvent.MessageDropped.class, dropped::add);
            assertThat(f.send(BusFixture.transientMessage("a", "b", "offline")).isAccepted()).isTrue();
            assertThat(dropped).as("nobody connected: dropped, not queued").hasSize(1);

            List<Delivery> got = f.attach("b");
            f.send(BusFixture.transientMessage("a", "b", "online"));
            assertThat(got).singleElement().satisfies(d -> assertThat(d.durable()).isFalse());
            f.clock.advance(Duration.ofSeconds(2));
            f.bus.tick();
            assertThat(got).as("no redelivery of a transient message").hasSize(1);
            assertThat(dropped).hasSize(2);
            awaitWriter(f);
            long stored = f.db.read(c -> {
                try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM bus_message")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            assertThat(stored).as("only the flush message").isEqualTo(1);
        }
    }

    @Test
    void lanesBeyondTheMemoryLimitWaitOnDiskAndComeBackInOrder() {
        KernelConfig config = KernelConfig.defaults().toBuilder().memoryLaneLimit(4).deliveryWindow(3).build();
        try (BusFixture f = new BusFixture(memory(), config, "a", "b")) {
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                Envelope m = message("a", "b", Priority.NORMAL, "m" + i);
                sent.add(m.messageId());
                f.send(m);
            }
            assertThat(f.bus.depth("b").lanes()[Priority.NORMAL.lane()]).isEqualTo(25);
            List<Delivery> got = new CopyOnWriteArrayList<>();
            f.bus.attach("b", d -> got.add(d));
            for (int i = 0; i < 25; i++) {
                Delivery d = got.get(i);
                assertThat(f.bus.ack("b", d.deliveryId())).isTrue();
            }
            assertThat(got).extracting(d -> d.envelope().messageId()).containsExactlyElementsOf(sent);
            assertThat(f.bus.depth("b").waiting()).isZero();
        }
    }

    @Test
    void acceptedDurableMessagesWereSyncedBeforeTheAnswer() {
        try (BusFixture f = new BusFixture(memory(), KernelConfig.defaults(), "a", "b")) {
            long before = f.bus.syncCount();
            f.send(message("a", "b", Priority.NORMAL, "durable"));
            assertThat(f.bus.syncCount()).isGreaterThan(before);
        }
    }

    /** State changes (acks, dead letters) are written asynchronously; a synced send flushes the queue before it. */
    private static void awaitWriter(BusFixture f) {
        f.agents.add("flush");
        f.send(message("a", "flush", Priority.LOW, "flush"));
    }
}
