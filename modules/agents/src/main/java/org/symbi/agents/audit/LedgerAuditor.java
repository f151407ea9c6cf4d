package org.symbi.agents.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.symbi.agents.AgentEnv;
import org.symbi.agents.AgentKind;
import org.symbi.agents.BuiltInAgent;
import org.symbi.agents.MonitorAgent;
import org.symbi.agents.RoomHttp;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.Tier;
import org.symbi.protocol.TraceKind;
import org.symbi.protocol.TraceStep;
import org.symbi.sdk.AgentClient;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The audit agent: every period it has the room verify its whole ledger ({@code GET /admin/ledger/verify}:
 * every entry's hash, the chain and the signed checkpoints). A verification that passes is an observation in
 * the agent's trace (entries checked, tree root); one that fails raises the alert
 * {@code ledger_verification_failed} with the first bad entry. An audit task answers with the verification,
 * and fails when the ledger does.
 */
public final class LedgerAuditor extends MonitorAgent {
    public static final String CAPABILITY = "audit";
    public static final String VERIFICATION_FAILED = "ledger_verification_failed";
    /** Raised when the ledger cannot be verified at all (the room does not answer, the token is refused). */
    public static final String AUDIT_FAILED = "ledger_audit_failed";

    public LedgerAuditor(RoomHttp room, Duration period, Duration alertCooldown, Clock clock) {
        super(room, CAPABILITY, period, clock, alertCooldown, AUDIT_FAILED, "The audit agent cannot verify the ledger");
    }

    /** Every round verifies the ledger, as a task of its own so that the verification is traced. */
    @Override
    protected Optional<String> roundTitle(AgentClient client) {
        return Optional.of("Ledger audit");
    }

    @Override
    public AgentCard card(String agentId) {
        return new AgentCard(agentId, "ledger-audit", Tier.MONITOR, List.of(CAPABILITY), null, null, null, null,
                null, 1);
    }

    @Override
    protected ObjectNode check(AgentClient client, String taskId) throws IOException {
        JsonNode v = room.adminGet("/admin/ledger/verify");
        ObjectNode report = JsonNodeFactory.instance.objectNode().put("ok", v.path("ok").asBoolean())
                .put("entries_checked", v.path("entries_checked").asLong()).put("tree_root", v.path("tree_root").asText());
        if (v.path("ok").asBoolean()) {
            alerts.clear(VERIFICATION_FAILED, "ledger");
            client.trace(new TraceStep(taskId, null, TraceKind.OBSERVATION, "ledger verified: "
                    + report.path("entries_checked").asLong() + " entries, tree root " + report.path("tree_root").asText(),
                    report.deepCopy(), null, null, null));
            return report;
        }
        Long firstBad = v.hasNonNull("first_bad_index") ? v.path("first_bad_index").asLong() : null;
        String problem = v.path("problem").asText("no reason given");
        report.put("problem", problem);
        if (firstBad != null) {
            report.put("first_bad_index", firstBad);
        }
        alerts.raise(client, VERIFICATION_FAILED, "ledger", "Ledger verification failed"
                + (firstBad == null ? "" : " at entry " + firstBad) + ": " + problem, taskId, report.deepCopy());
        return report;
    }

    @Override
    protected String taskFailure(ObjectNode report) {
        return report.path("ok").asBoolean() ? null : "ledger verification failed"
                + (report.has("first_bad_index") ? " at entry " + report.path("first_bad_index").asLong() : "")
                + ": " + report.path("problem").asText();
    }

    /** The {@code audit} kind of {@link org.symbi.agents.AgentMain}. */
    public static final class Kind implements AgentKind {
        @Override
        public String name() {
            return "audit";
        }

        @Override
        public BuiltInAgent create(AgentEnv env) throws IOException {
            RoomHttp room = RoomHttp.fromEnv(env);
            if (!room.mayAdminister()) {
                throw new IllegalArgumentException("the audit agent needs the room's admin token: set "
                        + "SYMBI_ADMIN_TOKEN_FILE (e.g. {data_dir}/admin.token) in its template");
            }
            return new LedgerAuditor(room, env.duration("SYMBI_AUDIT_PERIOD", Duration.ofMinutes(30)),
                    env.duration("SYMBI_AUDIT_ALERT_COOLDOWN", Duration.ofHours(1)), Clock.systemUTC());
        }
    }
}
