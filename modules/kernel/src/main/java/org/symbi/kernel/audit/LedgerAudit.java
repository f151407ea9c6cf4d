package org.symbi.kernel.audit;

import com.fasterxml.jackson.databind.JsonNode;
import org.symbi.governance.AuditTrail;
import org.symbi.ledger.EntryDraft;
import org.symbi.ledger.Ledger;

import java.util.Set;
import java.util.function.Predicate;

/**
 * Governance's audit trail on the ledger: every issue, approval, denial, use, revocation and expiry is
 * appended, durably, before governance goes on. Actors become the ledger's typed form: the room's own
 * components are {@code system:}, registered approvers {@code person:}, everyone else {@code agent:}.
 */
public final class LedgerAudit implements AuditTrail {
    private static final Set<String> SYSTEM = Set.of("room", "orchestrator", "unknown");

    private final Ledger ledger;
    private final Predicate<String> isPerson;

    public LedgerAudit(Ledger ledger, Predicate<String> isPerson) {
        this.ledger = ledger;
        this.isPerson = isPerson;
    }

    @Override
    public void record(String actor, String action, String subject, String outcome, JsonNode payload) {
        ledger.append(new EntryDraft(actorOf(actor, isPerson), action, subject, outcome, payload, null));
    }

    /** The ledger's typed actor for an id used inside the room. */
    static String actorOf(String id, Predicate<String> isPerson) {
        if (id == null || id.isBlank()) {
            return "system:unknown";
        }
        if (SYSTEM.contains(id)) {
            return "system:" + id;
        }
        return (isPerson.test(id) ? "person:" : "agent:") + id;
    }
}
