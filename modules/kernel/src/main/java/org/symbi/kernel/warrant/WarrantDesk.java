package org.symbi.kernel.warrant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.symbi.governance.ApprovalDecision;
import org.symbi.governance.ApprovalRequest;
import org.symbi.governance.Decision;
import org.symbi.governance.GatedAction;
import org.symbi.governance.Governance;
import org.symbi.governance.GovernanceListener;
import org.symbi.governance.Quorum;
import org.symbi.kernel.events.EventStream;
import org.symbi.kernel.events.KernelEvent;
import org.symbi.protocol.ActionReport;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.MessageType;
import org.symbi.protocol.WarrantDecision;
import org.symbi.protocol.WarrantRequest;
import org.symbi.protocol.WarrantStatus;

import java.time.InstantSource;
import java.util.function.Consumer;

/**
 * Where agents' gated actions meet governance: a warrant request is decided by {@link Governance#authorize}
 * and answered at once; when approvers later settle a pending request the agent gets the final answer as a
 * {@code warrant_decision}; an action report is accepted only for an action its warrant allowed exactly.
 */
public final class WarrantDesk implements GovernanceListener {
    private static final Logger LOG = LoggerFactory.getLogger(WarrantDesk.class);

    private final Governance governance;
    private final ObjectMapper json;
    private final InstantSource clock;
    private final EventStream events;
    private final Consumer<Envelope> send;

    public WarrantDesk(Governance governance, ObjectMapper json, InstantSource clock, EventStream events,
                       Consumer<Envelope> send) {
        this.governance = governance;
        this.json = json;
        this.clock = clock;
        this.events = events;
        this.send = send;
        governance.addListener(this);
    }

    /** Decides a warrant request now: allowed, pending (approvals asked for) or denied. */
    public WarrantDecision request(String agentId, WarrantRequest request) {
        GatedAction action = new GatedAction(request.action().kind(), request.action().args(), request.warrantId(),
                request.reasoning(), request.taskId());
        return answer(governance.authorize(agentId, action));
    }

    /** Records an action an agent ran; refused unless its warrant allowed exactly this action. */
    public void report(String agentId, ActionReport report) {
        GatedAction action = new GatedAction(report.action().kind(), report.action().args(), report.warrantId(),
                null, null);
        if (!governance.verifyBinding(report.warrantId(), action)) {
            throw new NoWarrantException("warrant " + report.warrantId() + " does not allow this exact "
                    + report.action().kind() + " action (or it was never authorized)");
        }
        governance.recordExecution(report.warrantId(), action, agentId, report.signature(), report.outcome().wire());
    }

    private WarrantDecision answer(Decision d) {
        WarrantStatus status = switch (d.outcome()) {
            case ALLOWED -> WarrantStatus.ALLOWED;
            case PENDING -> WarrantStatus.PENDING;
            case DENIED -> WarrantStatus.DENIED;
        };
        return new WarrantDecision(status, d.bindingHash(), d.warrantId(), d.requestId(), quorumOf(d.requestId()),
                d.reason());
    }

    /**
     * Null when no approval is involved, or when the request has closed already: an approver may decide, and
     * the approval be used, before the request that asked for it is answered.
     */
    private String quorumOf(String requestId) {
        return requestId == null ? null
                : governance.approvals().openQuorum(requestId).map(Quorum::toString).orElse(null);
    }

    @Override
    public void approvalRequested(ApprovalRequest r) {
        events.publish(new KernelEvent.ApprovalRequested(clock.instant(), r.id(), r.agentId(), r.kind(),
                r.bindingHash(), r.canonicalAction(), r.reasoning(), r.required()));
    }

    @Override
    public void approvalDecided(ApprovalRequest r, ApprovalDecision decision, Quorum quorum) {
        events.publish(new KernelEvent.ApprovalSigned(clock.instant(), r.id(), decision.approverId(),
                decision.verdict().name().toLowerCase(java.util.Locale.ROOT), decision.signatureBase64(), quorum.toString()));
    }

    @Override
    public void approvalChanged(ApprovalRequest r) {
        if (r.status() == ApprovalRequest.Status.PENDING) {
            return;
        }
        events.publish(new KernelEvent.ApprovalSettled(clock.instant(), r.id(), r.agentId(),
                r.status().name().toLowerCase(java.util.Locale.ROOT)));
        WarrantDecision decision = switch (r.status()) {
            // Approved: authorize again for the agent, which takes the use the approval was for. The agent
            // waits for this answer by the request's id, so it names the request; its quorum is read first,
            // as the authorization spends the approval and a spent request is no longer open.
            case APPROVED -> {
                String quorum = quorumOf(r.id());
                WarrantDecision now = answer(governance.authorize(r.agentId(),
                        new GatedAction(r.kind(), argsOf(r), r.warrantId(), r.reasoning(), r.taskId())));
                yield new WarrantDecision(now.status(), now.bindingHash(), now.warrantId(), r.id(), quorum,
                        now.reason());
            }
            case DENIED, EXPIRED -> new WarrantDecision(WarrantStatus.DENIED, r.bindingHash(), r.warrantId(), r.id(),
                    quorumOf(r.id()), "the approvers " + (r.status() ==
                    ApprovalRequest.Status.DENIED ? "denied it" : "did not decide in time"));
            default -> null;
        };
        if (decision != null) {
            Envelope notice = Envelope.builder().fromAgent(Envelope.ORCHESTRATOR).toAgent(r.agentId())
                    .messageType(MessageType.WARRANT_DECISION).timestamp(clock.millis())
                    .payload(json.valueToTree(decision)).build();
            // Governance calls listeners on the deciding thread: the send must not wait for the disk there.
            Thread.ofVirtual().name("symbi-warrant-decision").start(() -> send.accept(notice));
        }
    }

    private JsonNode argsOf(ApprovalRequest r) {
        try {
            return json.readTree(r.canonicalAction()).get("args");
        } catch (JsonProcessingException e) {
            LOG.error("approval request {} holds an unreadable action", r.id(), e);
            throw new IllegalStateException("approval request " + r.id() + " holds an unreadable action", e);
        }
    }
}
