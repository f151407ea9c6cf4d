package org.symbi.kernel.lock;

import org.symbi.kernel.KernelConfig;
import org.symbi.kernel.events.EventStream;
import org.symbi.kernel.registry.AgentRegistry;
import org.symbi.protocol.Priority;
import org.symbi.store.Database;

import java.time.Duration;
import java.time.InstantSource;

/** Resource locks with leases, and the conflicts they raise. */
public final class LockManager {
    public LockManager(Database db, KernelConfig config, InstantSource clock, EventStream events, AgentRegistry registry) {
    }

    public LockOutcome acquire(String agentId, String resource, Duration lease, Priority priority) {
        throw new UnsupportedOperationException("not built yet");
    }

    public LockOutcome release(String agentId, String resource) {
        throw new UnsupportedOperationException("not built yet");
    }

    public void onAgentOffline(String agentId) {
    }

    public void tick() {
    }
}
