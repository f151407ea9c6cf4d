package org.symbi.app.ui.ledger;

import org.symbi.ledger.LedgerEntry;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** One ledger entry as the table shows it. */
public record LedgerRow(long seq, Instant time, String actor, String action, String subject, String outcome,
                        String leafHash) {
    /** Characters of the leaf hash the table shows: enough to tell entries apart at a glance. */
    static final int HASH_PREFIX = 12;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    static LedgerRow of(LedgerEntry e) {
        return new LedgerRow(e.seq(), e.time(), e.actor(), e.action(), e.subject(), e.outcome(), e.leafHash());
    }

    public String timeText() {
        return TIME.format(time);
    }

    public String hashPrefix() {
        return leafHash.length() <= HASH_PREFIX ? leafHash : leafHash.substring(0, HASH_PREFIX);
    }
}
