package org.symbi.kernel.lock;

import java.time.Instant;

/** One voter's choice of winner in a voting conflict. */
public record Vote(String conflictId, String voterId, String choice, Instant castAt) {
}
