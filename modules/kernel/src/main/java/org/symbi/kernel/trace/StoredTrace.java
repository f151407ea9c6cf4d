package org.symbi.kernel.trace;

import org.symbi.protocol.TraceStep;

import java.time.Instant;

/** A trace step as stored: its id (increasing in arrival order), who sent it and when it arrived. */
public record StoredTrace(long id, String agentId, Instant recordedAt, TraceStep step) {
}
