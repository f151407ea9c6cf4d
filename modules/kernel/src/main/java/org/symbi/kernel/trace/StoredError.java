package org.symbi.kernel.trace;

import org.symbi.protocol.ErrorReport;

import java.time.Instant;

/** An error report as stored: its id (increasing in arrival order), who sent it and when it arrived. */
public record StoredError(long id, String agentId, Instant reportedAt, ErrorReport report) {
}
