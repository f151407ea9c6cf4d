package org.symbi.gateway.outbound;

import org.symbi.kernel.Kernel;
import org.symbi.kernel.KernelConfig;
import org.symbi.kernel.bus.SendResult;
import org.symbi.store.DataDir;
import org.symbi.store.Database;

import java.io.IOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A started kernel on an in-memory database, with helpers to feed it envelopes as JSON. */
public final class TestRoom implements AutoCloseable {
    private static final AtomicInteger DB = new AtomicInteger();

    public final Database db = Database.inMemory("outbound-" + DB.incrementAndGet() + "-" + System.nanoTime());
    public final DataDir dir;
    public final Kernel kernel;

    public TestRoom(Path tmp) throws IOException {
        dir = new DataDir(tmp).ensureExists();
        kernel = new Kernel(db, dir, KernelConfig.defaults(), InstantSource.system()).start();
    }

    public static String envelope(String id, String from, String to, String type, String payload) {
        return "{\"message_id\":\"" + id + "\",\"from_agent\":\"" + from + "\",\"to_agent\":\"" + to
                + "\",\"message_type\":\"" + type + "\",\"timestamp\":" + System.currentTimeMillis()
                + ",\"payload\":" + payload + "}";
    }

    /** Registers an agent as the REST API would, with extra card fields such as {@code "webhook_url":...}. */
    public SendResult register(String agentId, String extraCardFields) {
        String card = "{\"agent_id\":\"" + agentId + "\",\"agent_type\":\"test\",\"capabilities\":[\"java\"]"
                + extraCardFields + "}";
        return receive(envelope("reg-" + agentId + "-" + System.nanoTime(), agentId, "orchestrator", "register", card));
    }

    public SendResult receive(String json) {
        try {
            return kernel.receive(kernel.codec().decode(json)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        kernel.close();
        db.close();
    }
}
