package org.symbi.app.ui.ledger;

import org.symbi.ledger.LedgerEntry;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One ledger entry as the table shows it.
 *
 * @param agentKey the public key (base64) of the agent that countersigned the entry, or empty when the room alone
 *                 recorded it
 */
public record LedgerRow(long seq, Instant time, String actor, String action, String subject, String outcome,
                        String leafHash, String agentKey) {
    /** Characters of the leaf hash the table shows: enough to tell entries apart at a glance. */
    static final int HASH_PREFIX = 12;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    static LedgerRow of(LedgerEntry e) {
        return new LedgerRow(e.seq(), e.time(), e.actor(), e.action(), e.subject(), e.outcome(), e.leafHash(),
                e.countersignature() == null ? "" : e.countersignature().publicKey());
    }

    public String timeText() {
        return TIME.format(time);
    }

    /** "agent key" and the first characters of the key, for an entry the agent countersigned. */
    public String signedText() {
        return agentKey.isEmpty() ? "" : "agent key " + agentKey.substring(0, Math.min(HASH_PREFIX, agentKey.length()));
    }

    public String hashPrefix() {
        return leafHash.length() <= HASH_PREFIX ? leafHash : leafHash.substring(0, HASH_PREFIX);
    }
}
