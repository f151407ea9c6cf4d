package org.symbi.kernel.lock;

import org.symbi.protocol.Priority;

import java.time.Duration;

/** An agent involved in a conflict, with the priority it asked at and the lease it gets if it wins. */
record Party(String agentId, Priority priority, Duration lease) {
}
