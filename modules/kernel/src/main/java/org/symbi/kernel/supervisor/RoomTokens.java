package org.symbi.kernel.supervisor;

import org.symbi.governance.AgentTokens;
import org.symbi.kernel.Kernel;
import org.symbi.kernel.audit.LedgerAudit;
import org.symbi.store.DataDir;
import org.symbi.store.Database;

/**
 * The room's agent token issuer: one issuer key in {@code keys/}, one issuer and audience, so that tokens
 * issued by the command line, by the supervisor and verified by the gateway agree.
 */
public final class RoomTokens {
    /** Also the ledger actor of issues and grants ({@code system:room}). */
    public static final String ISSUER = "room";
    public static final String AUDIENCE = "symbi-kernel";

    private RoomTokens() {
    }

    /** Tokens of the room on this data directory, audited on the kernel's ledger. */
    public static AgentTokens open(Database db, DataDir dir, Kernel kernel) {
        return new AgentTokens(db, AgentTokens.issuerKey(dir.resolve("keys")), ISSUER, AUDIENCE,
                AgentTokens.DEFAULT_LIFETIME, kernel.clock(),
                new LedgerAudit(kernel.ledger(), id -> Kernel.LOCAL_APPROVER.equals(id)));
    }
}
