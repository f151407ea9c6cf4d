package org.symbi.kernel.bus;

import org.junit.jupiter.api.Test;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.Priority;
import org.symbi.protocol.ProtocolCodec;
import org.symbi.store.Database;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.symbi.kernel.bus.BusFixture.message;

class BusStoreTest {
    private final ProtocolCodec codec = new ProtocolCodec();

    @Test
    void aBatchStoresOneWaitingRowPerRecipientInSeqOrder() throws Exception {
        try (Database db = Database.inMemory("bus-store-" + System.nanoTime())) {
            BusStore store = new BusStore(db, codec);
            Envelope one = message("a", "b", Priority.NORMAL, "one");
            Envelope list = message("a", "b", Priority.NORMAL, "to two");
            db.inTransaction(c -> {
                store.insert(c, concat(rows(1, one, "b"), rows(2, list, "b", "c")), 0);
                return null;
            });

            List<String> waiting = new ArrayList<>();
            store.forEachWaiting(m -> waiting.add(m.seq() + " " + m.recipient() + " " + m.envelope().messageId()));
            assertThat(waiting).containsExactly("1 b " + one.messageId(), "2 b " + list.messageId(),
                    "3 c " + list.messageId());
        }
    }

    @Test
    void aSecondEndingOfAMessageOverwritesItsFirstAndTheRestOfTheBatchIsRecorded() throws Exception {
        try (Database db = Database.inMemory("bus-store-" + System.nanoTime())) {
            BusStore store = new BusStore(db, codec);
            db.inTransaction(c -> {
                store.insert(c, concat(rows(1, message("a", "b", Priority.NORMAL, "one"), "b"),
                        rows(2, message("a", "b", Priority.NORMAL, "two"), "b")), 0);
                return null;
            });
            db.inTransaction(c -> {
                store.markEnded(c, List.of(new BusStore.Ending(1, true, 5, "delivery limit")), 10);
                return null;
            });
            db.inTransaction(c -> {
                store.markEnded(c, List.of(new BusStore.Ending(2, false, 1, null),
                        new BusStore.Ending(1, false, 6, null)), 20);
                return null;
            });

            List<String> ended = db.read(c -> {
                List<String> rows = new ArrayList<>();
                try (var q = c.prepareStatement("SELECT seq, state, attempts, ended_at FROM bus_ended ORDER BY seq");
                     var rs = q.executeQuery()) {
                    while (rs.next()) {
                        rows.add(rs.getLong(1) + " " + rs.getString(2) + " " + rs.getInt(3) + " " + rs.getLong(4));
                    }
                }
                return rows;
            });
            assertThat(ended).containsExactly("1 DONE 6 20", "2 DONE 1 20");
            List<Long> waiting = new ArrayList<>();
            store.forEachWaiting(m -> waiting.add(m.seq()));
            assertThat(waiting).isEmpty();
        }
    }

    private static List<BusMessage> concat(List<BusMessage> first, List<BusMessage> second) {
        List<BusMessage> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private List<BusMessage> rows(long firstSeq, Envelope e, String... recipients) {
        List<BusMessage> rows = new ArrayList<>();
        byte[] encoded = codec.encode(e);
        long seq = firstSeq;
        for (String recipient : recipients) {
            rows.add(new BusMessage(seq++, recipient, e, encoded, 2, true, 0, 0));
        }
        return rows;
    }
}
