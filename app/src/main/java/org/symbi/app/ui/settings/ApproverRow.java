package org.symbi.app.ui.settings;

import com.fasterxml.jackson.databind.JsonNode;
import org.symbi.kernel.Kernel;
import org.symbi.ledger.Ledger;
import org.symbi.ledger.LedgerEntry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One registered approver as the settings show it.
 *
 * @param groups    the approver's groups, comma-separated
 * @param publicKey base64 X.509, as in the key's {@code .pub} file
 */
public record ApproverRow(String id, String name, String groups, String publicKey, boolean local) {
    /** Every registration of an approver is recorded with its key; the ledger actor of those records. */
    private static final String REGISTRAR = "system:room";
    private static final String REGISTERED = "approver.register";
    private static final int PAGE = 500;

    /**
     * The registered approvers, read from the ledger, where the approver registry records each registration
     * with the approver's name, groups and public key (the latest registration of an id is the one in force).
     * The room's own approver comes first.
     */
    static List<ApproverRow> readAll(Kernel kernel) {
        Ledger ledger = kernel.ledger();
        Map<String, ApproverRow> byId = new LinkedHashMap<>();
        long from = 0;
        List<LedgerEntry> page;
        do {
            page = ledger.entries(from, PAGE, REGISTRAR, REGISTERED, null);
            for (LedgerEntry e : page) {
                JsonNode p = e.payload();
                byId.put(e.subject(), new ApproverRow(e.subject(), p.path("name").asText(""),
                        p.path("groups").asText(""), p.path("public_key").asText(""),
                        Kernel.LOCAL_APPROVER.equals(e.subject())));
                from = e.seq() + 1;
            }
        } while (page.size() == PAGE);
        List<ApproverRow> rows = new ArrayList<>(byId.values());
        rows.sort(Comparator.comparing((ApproverRow r) -> !r.local()).thenComparing(ApproverRow::id));
        return rows;
    }
}
