package org.symbi.ledger;

import java.time.Duration;

/**
 * When the ledger signs checkpoints by itself: after {@code checkpointEveryEntries} new entries (checked at each
 * append), and at the first {@link Ledger#tick()} once {@code checkpointInterval} has passed with new entries.
 */
public record LedgerConfig(long checkpointEveryEntries, Duration checkpointInterval) {
    public static final LedgerConfig DEFAULTS = new LedgerConfig(10_000, Duration.ofSeconds(30));

    public LedgerConfig {
        if (checkpointEveryEntries < 1 || checkpointInterval.isNegative() || checkpointInterval.isZero()) {
            throw new IllegalArgumentException("checkpoint spacing must be positive");
        }
    }
}
