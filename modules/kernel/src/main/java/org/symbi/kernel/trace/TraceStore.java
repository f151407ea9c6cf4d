package org.symbi.kernel.trace;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.symbi.kernel.events.EventStream;
import org.symbi.protocol.ErrorReport;
import org.symbi.protocol.TraceStep;
import org.symbi.store.Database;

import java.time.InstantSource;

/** Reasoning-trace steps, stored with the task or warrant request they belong to. */
public final class TraceStore {
    public TraceStore(Database db, ObjectMapper json, InstantSource clock, EventStream events) {
    }

    public void record(String agentId, TraceStep step) {
        throw new UnsupportedOperationException("not built yet");
    }

    public void recordError(String agentId, ErrorReport report) {
        throw new UnsupportedOperationException("not built yet");
    }
}
