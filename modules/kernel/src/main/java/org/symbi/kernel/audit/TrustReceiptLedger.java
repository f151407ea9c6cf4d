package org.symbi.kernel.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.symbi.ledger.Countersignature;
import org.symbi.ledger.EntryDraft;
import org.symbi.ledger.Ledger;
import org.symbi.ledger.LedgerEntry;
import org.symbi.protocol.AgentTrustReceipt;

/**
 * Agents' trust receipts into the ledger: each becomes an entry whose actor is the sending agent, with the
 * agent's own signature as the entry's countersignature, so the entry and its receipt prove what the agent said.
 */
public final class TrustReceiptLedger {
    private final Ledger ledger;
    private final ObjectMapper json;

    public TrustReceiptLedger(Ledger ledger, ObjectMapper json) {
        this.ledger = ledger;
        this.json = json;
    }

    /**
     * Appends the statement {@code agentId} signed, durably.
     *
     * @throws IllegalArgumentException when the receipt is malformed or its signature does not verify for this
     *                                  agent and content
     */
    public LedgerEntry record(String agentId, JsonNode receipt) {
        AgentTrustReceipt r;
        try {
            r = json.treeToValue(receipt, AgentTrustReceipt.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("trust_receipt: " + e.getOriginalMessage(), e);
        }
        try {
            return ledger.append(new EntryDraft(EntryDraft.agent(agentId), r.action(), r.subject(), r.outcome(),
                    r.payload(), new Countersignature(agentId, r.publicKey(), r.signature())));
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException("trust_receipt: " + bad.getMessage(), bad);
        }
    }
}
