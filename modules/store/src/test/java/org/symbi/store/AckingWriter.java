package org.symbi.store;

import org.symbi.store.powerloss.VolatileFileSystem;

import java.sql.PreparedStatement;

/**
 * A stand-in for the bus, run in a child JVM: commits one message per transaction to the {@code acked}
 * table and prints {@code ACK <id> <forces>} once it would acknowledge it, until it is killed.
 * Arguments: the H2 location, then {@code sync} (sync before each ack, as the bus does) or {@code nosync}.
 */
public final class AckingWriter {
    private AckingWriter() {
    }

    public static void main(String[] args) {
        VolatileFileSystem.register();
        boolean sync = switch (args[1]) {
            case "sync" -> true;
            case "nosync" -> false;
            default -> throw new IllegalArgumentException("sync or nosync, not " + args[1]);
        };
        try (Database db = Database.open(args[0])) {
            for (int id = 1; ; id++) {
                int message = id;
                db.inTransaction(c -> {
                    try (PreparedStatement insert = c.prepareStatement("INSERT INTO acked (id, body) VALUES (?, ?)")) {
                        insert.setInt(1, message);
                        insert.setString(2, "message " + message);
                        return insert.executeUpdate();
                    }
                });
                if (sync) {
                    db.sync();
                }
                System.out.println("ACK " + id + " " + VolatileFileSystem.forceCount());
                System.out.flush();
            }
        }
    }
}
