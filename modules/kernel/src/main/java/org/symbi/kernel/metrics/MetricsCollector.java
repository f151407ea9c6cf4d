package org.symbi.kernel.metrics;

import org.symbi.kernel.events.EventStream;
import org.symbi.kernel.registry.AgentRegistry;
import org.symbi.store.Database;

import java.time.InstantSource;

/** Per-agent and system metrics (seed 000), with a rolled-up history. */
public final class MetricsCollector {
    public MetricsCollector(Database db, InstantSource clock, EventStream events, AgentRegistry registry) {
    }

    public void tick() {
    }
}
