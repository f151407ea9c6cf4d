package org.symbi.kernel.lock;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.symbi.kernel.KernelConfig;
import org.symbi.kernel.ManualClock;
import org.symbi.kernel.events.EventStream;
import org.symbi.kernel.events.KernelEvent;
import org.symbi.kernel.registry.AgentRegistry;
import org.symbi.store.Database;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A lock manager on its own database and a manual clock, with every event it raised. */
final class LockFixture implements AutoCloseable {
    final ManualClock clock;
    final Database db;
    final EventStream events = new EventStream();
    final List<KernelEvent> raised = new CopyOnWriteArrayList<>();
    final LockManager locks;

    LockFixture(Database db, ManualClock clock, ConflictPolicy policy, VoterEligibility eligibility) {
        this.db = db;
        this.clock = clock;
        events.subscribe(raised::add);
        AgentRegistry registry = new AgentRegistry(db, new ObjectMapper(), clock, events,
                KernelConfig.defaults().heartbeatTimeout(), KernelConfig.defaults().maxHeartbeatsPerSecond());
        this.locks = new LockManager(db, clock, events, registry, policy, eligibility);
    }

    LockFixture(Database db, ManualClock clock) {
        this(db, clock, ConflictPolicy.defaults(), VoterEligibility.INVOLVED_AGENTS);
    }

    <E extends KernelEvent> List<E> events(Class<E> type) {
        return raised.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public void close() {
        db.close();
    }
}
