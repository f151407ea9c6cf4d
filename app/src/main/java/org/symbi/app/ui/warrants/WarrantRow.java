package org.symbi.app.ui.warrants;

import org.symbi.governance.Warrant;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * One warrant as the table shows it, read at {@code readAt}.
 *
 * @param usesLeft "unlimited", or how many of its uses are left, like "3 of 5"
 * @param expiry   when it expires relative to the read ("in 42 min", "3 min ago"); for a warrant that ended
 *                 otherwise, empty: its end reason says what happened
 */
public record WarrantRow(String id, String agentId, Warrant.Status status, String scope, String usesLeft,
                         Instant expiresAt, String expiry, String endReason) {

    static WarrantRow of(Warrant w, Instant readAt) {
        int max = w.terms().maxUses();
        String usesLeft = max == 0 ? "unlimited" : Math.max(0, max - w.uses()) + " of " + max;
        boolean timed = w.status() == Warrant.Status.ACTIVE || w.status() == Warrant.Status.EXPIRED;
        return new WarrantRow(w.id(), w.agentId(), w.status(), ScopeText.of(w.terms().scope()), usesLeft,
                w.terms().expiresAt(), timed ? relative(w.terms().expiresAt(), readAt) : "",
                w.endReason() == null ? "" : w.endReason());
    }

    public boolean live() {
        return status == Warrant.Status.ACTIVE;
    }

    public String statusText() {
        return status.name().toLowerCase(Locale.ROOT);
    }

    /** Whether any shown field contains the text, ignoring case. */
    boolean matches(String text) {
        String needle = text.strip().toLowerCase(Locale.ROOT);
        return needle.isEmpty() || (id + " " + agentId + " " + statusText() + " " + scope + " " + endReason)
                .toLowerCase(Locale.ROOT).contains(needle);
    }

    /** "in 42 s", "in 5 min", "in 2 h 10 min", "in 1 d 23 h" (whole units, cut not rounded), or "… ago". */
    static String relative(Instant at, Instant now) {
        Duration d = Duration.between(now, at);
        Duration size = d.abs();
        String amount;
        if (size.toMinutes() < 1) {
            amount = size.toSeconds() + " s";
        } else if (size.toHours() < 1) {
            amount = size.toMinutes() + " min";
        } else if (size.toDays() < 1) {
            amount = size.toHours() + " h" + (size.toMinutesPart() == 0 ? "" : " " + size.toMinutesPart() + " min");
        } else {
            amount = size.toDays() + " d" + (size.toHoursPart() == 0 ? "" : " " + size.toHoursPart() + " h");
        }
        return d.isNegative() ? amount + " ago" : "in " + amount;
    }
}
