package org.symbi.governance;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where governance writes every issue, approval, denial, use, revocation and expiry. The room backs it with
 * the ledger; governance does not depend on how entries are stored.
 */
public interface AuditTrail {
    void record(String actor, String action, String subject, String outcome, JsonNode payload);
}
