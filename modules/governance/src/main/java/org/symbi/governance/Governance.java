package org.symbi.governance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.symbi.store.Database;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one enforcement point for gated actions, and the issuing, revoking and ending of warrants.
 * See docs/governance.md for the semantics of {@link #authorize}.
 */
public final class Governance implements AutoCloseable {
    private final PolicyStore policies;
    private final InstantSource clock;
    private final AuditTrail audit;
    private final WarrantStore warrants;
    private final ApprovalService approvals;
    private final List<GovernanceListener> listeners = new CopyOnWriteArrayList<>();

    public Governance(Database db, PolicyStore policies, ApproverRegistry approvers, InstantSource clock, AuditTrail audit) {
        this.policies = policies;
        this.clock = clock;
        this.audit = audit;
        this.warrants = new WarrantStore(db);
        this.approvals = new ApprovalService(db, approvers, clock, audit, listeners, policies::current);
    }

    public void addListener(GovernanceListener listener) {
        listeners.add(listener);
    }

    public ApprovalService approvals() {
        return approvals;
    }

    public Policy policy() {
        return policies.current();
    }

    public Warrant issueWarrant(String agentId, WarrantTerms terms, String issuedBy) {
        return issue(agentId, terms, issuedBy, null, null);
    }

    /**
     * Issues the warrants of a confirmed plan's phases, scoped to each phase's tasks. Kinds the policy denies
     * are left out; kinds that need approvals stay in, and their actions wait for approval of the exact action.
     */
    public List<PhaseWarrant> issuePhaseWarrants(String planId, List<Phase> phases) {
        Policy policy = policies.current();
        List<PhaseWarrant> out = new ArrayList<>();
        for (Phase p : phases) {
            List<String> allowed = new ArrayList<>();
            List<String> needApproval = new ArrayList<>();
            List<String> denied = new ArrayList<>();
            for (String kind : p.scope().kinds()) {
                Requirement r = policy.strictestFor(kind);
                switch (r.require()) {
                    case DENY -> denied.add(kind);
                    case APPROVALS -> {
                        needApproval.add(kind);
                        allowed.add(kind);
                    }
                    case ALLOW -> allowed.add(kind);
                }
            }
            Warrant w = null;
            if (!allowed.isEmpty()) {
                WarrantScope s = p.scope();
                WarrantScope scope = new WarrantScope(allowed, s.repositories(), s.branches(), s.paths(), s.environments());
                w = issue(p.agentId(), new WarrantTerms(scope, p.expiresAt(), p.maxUses(), p.budget(), p.taskIds()),
                        "plan:" + planId, planId, p.name());
            }
            out.add(new PhaseWarrant(p, w, List.copyOf(needApproval), List.copyOf(denied)));
        }
        return out;
    }

    public Optional<Warrant> warrant(String id) {
        return Optional.ofNullable(warrants.get(id));
    }

    public List<Warrant> liveWarrants() {
        return warrants.live();
    }

    /** Up to {@code limit} warrants that are no longer live (expired, revoked, exhausted, ended), newest first. */
    public List<Warrant> endedWarrants(int limit) {
        return warrants.ended(limit);
    }

    /** Decides whether an agent may perform an action now; when allowed, one use of the warrant is spent. */
    public Decision authorize(String agentId, GatedAction action) {
        String canonical = ActionBinding.canonical(action.kind(), action.args());
        String binding = ActionBinding.hashOf(canonical);
        Requirement req = policies.current().evaluate(action);
        if (req.require() == PolicyDocument.Require.DENY) {
            return deny(agentId, action, binding, "policy rule " + req.ruleId() + " denies " + action.kind()
                    + (req.reason() == null ? "" : ": " + req.reason()));
        }
        Instant now = clock.instant();
        Warrant w = findWarrant(agentId, action, req, now);
        if (w == null) {
            return deny(agentId, action, binding, whyNoWarrant(agentId, action, req, now));
        }
        ApprovalRequest approved = null;
        if (req.require() == PolicyDocument.Require.APPROVALS) {
            Optional<ApprovalRequest> existing = approvals.forBinding(w.id(), binding);
            ApprovalRequest.Status status = existing.map(ApprovalRequest::status).orElse(null);
            if (status == ApprovalRequest.Status.DENIED) {
                return deny(agentId, action, binding, "approval request " + existing.get().id() + " was denied");
            }
            if (status == ApprovalRequest.Status.PENDING) {
                return Decision.pending(w.id(), existing.get().id(), binding, "waiting for " + approvals.quorum(existing.get().id()));
            }
            if (status != ApprovalRequest.Status.APPROVED) {
                ApprovalRequest r = approvals.request(w, agentId, action, binding, canonical, req);
                return Decision.pending(w.id(), r.id(), binding, "needs " + req.approvals() + " approval(s) by rule " + req.ruleId());
            }
            approved = existing.get();
            if (!approvals.claim(approved)) {
                return Decision.pending(w.id(), approved.id(), binding, "the approval was spent by a concurrent request");
            }
        }
        int reserve = w.tryUse(now, binding);
        if (reserve < 0) {
            return deny(agentId, action, binding, w.unusableReason(now));
        }
        if (reserve > 0) {
            warrants.reserve(w, reserve);
        }
        ObjectNode payload = Json.object().put("binding", binding).put("kind", action.kind()).put("uses", w.uses())
                .put("rule", req.ruleId()).put("task", action.taskId());
        if (approved != null) {
            payload.put("approval", approved.id());
        }
        audit.record(agentId, "warrant.use", w.id(), "allowed", payload);
        return Decision.allowed(w.id(), binding);
    }

    /**
     * At execution time: true if this exact action was allowed under the warrant and has not yet been
     * executed, and the warrant has not been revoked since.
     */
    public boolean verifyBinding(String warrantId, GatedAction action) {
        Warrant w = warrants.get(warrantId);
        return w != null && w.status() == Warrant.Status.ACTIVE && w.hasAllowed(ActionBinding.hash(action));
    }

    /**
     * Records that an allowed action ran. A remote executor's signature is recorded as an attestation: the
     * room did not see the execution, so it is not called verified.
     *
     * @param attestationBase64 the executing agent's signature over the binding hash, or null if the room ran it
     */
    public void recordExecution(String warrantId, GatedAction action, String executorId, String attestationBase64,
                                String outcome) {
        String binding = ActionBinding.hash(action);
        Warrant w = warrants.get(warrantId);
        boolean known = w != null && w.executed(binding);
        ObjectNode payload = Json.object().put("binding", binding).put("outcome", outcome)
                .put("evidence", attestationBase64 == null ? "verified" : "attested");
        if (attestationBase64 != null) {
            payload.put("attestation", attestationBase64);
        }
        audit.record(executorId, "warrant.execute", warrantId, known ? outcome : "unauthorized", payload);
    }

    /** Charges model tokens spent under a warrant to its budget (see {@link #chargeTask}). */
    public void recordSpend(String warrantId, long tokens) {
        Warrant w = warrants.get(warrantId);
        if (w == null) {
            throw new IllegalArgumentException("no live warrant " + warrantId);
        }
        charge(w, w.agentId(), tokens, Json.object());
    }

    /**
     * Charges model tokens an agent spent working on a task to every live warrant scoped to that task. A
     * warrant whose budget is spent authorizes nothing more; it ends as exhausted at once, or, if an action
     * it allowed has yet to run, on the first tick after that.
     *
     * @return the warrants charged
     */
    public List<Warrant> chargeTask(String taskId, String agentId, long tokens) {
        List<Warrant> charged = new ArrayList<>();
        for (Warrant w : warrants.live()) {
            if (w.scopedTo(taskId)) {
                charge(w, agentId, tokens, Json.object().put("task", taskId));
                charged.add(w);
            }
        }
        return charged;
    }

    private void charge(Warrant w, String agentId, long tokens, ObjectNode payload) {
        if (tokens < 0) {
            throw new IllegalArgumentException("a charge cannot be negative: " + tokens);
        }
        warrants.spend(w, tokens);
        audit.record(agentId, "warrant.spend", w.id(), "charged", payload.put("amount", tokens).put("spent", w.spent()));
        if (w.budgetSpent() && !w.hasPendingExecutions()) {
            endExhausted(w);
        }
    }

    private void endExhausted(Warrant w) {
        end(w, Warrant.Status.EXHAUSTED, "room", "budget of " + w.terms().budget() + " tokens spent (" + w.spent() + ")");
    }

    public void revoke(String warrantId, String by, String reason) {
        Warrant w = warrants.get(warrantId);
        if (w != null) {
            end(w, Warrant.Status.REVOKED, by, reason);
        }
    }

    /** A task ended: warrants scoped to it end once none of their tasks is open. */
    public void endTask(String taskId) {
        for (Warrant w : warrants.live()) {
            if (w.openTasks().contains(taskId)) {
                if (w.endTask(taskId)) {
                    end(w, Warrant.Status.ENDED, "room", "task " + taskId + " ended");
                } else {
                    warrants.saveTasks(w);
                }
            }
        }
    }

    /** Housekeeping, from the room's tick: expiry of warrants and requests, escalation, and use counts. */
    public void tick() {
        Instant now = clock.instant();
        for (Warrant w : warrants.live()) {
            if (!now.isBefore(w.terms().expiresAt())) {
                end(w, Warrant.Status.EXPIRED, "room", "expired at " + w.terms().expiresAt());
            } else if (w.terms().maxUses() > 0 && w.uses() >= w.terms().maxUses() && !w.hasPendingExecutions()) {
                end(w, Warrant.Status.EXHAUSTED, "room", "all " + w.terms().maxUses() + " uses spent");
            } else if (w.budgetSpent() && !w.hasPendingExecutions()) {
                endExhausted(w);
            }
        }
        approvals.expireDue();
        warrants.flush(false);
    }

    /** Writes exact use counts so that a restart after a clean stop gives back unused reservations. */
    @Override
    public void close() {
        warrants.flush(true);
    }

    private Warrant issue(String agentId, WarrantTerms terms, String issuedBy, String planId, String phase) {
        Warrant w = warrants.issue(agentId, terms, clock.instant(), planId, phase);
        ObjectNode payload = Json.object().put("agent", agentId).put("expires_at", terms.expiresAt().toString())
                .put("max_uses", terms.maxUses()).put("budget", terms.budget()).put("plan", planId).put("phase", phase);
        payload.set("scope", Json.MAPPER.valueToTree(terms.scope()));
        payload.set("tasks", Json.MAPPER.valueToTree(terms.tasks()));
        audit.record(issuedBy, "warrant.issue", w.id(), "issued", payload);
        return w;
    }

    private Warrant findWarrant(String agentId, GatedAction action, Requirement req, Instant now) {
        boolean phaseOnly = req.warrant() == PolicyDocument.WarrantKind.PHASE;
        if (action.warrantId() != null) {
            Warrant w = warrants.get(action.warrantId());
            boolean fits = w != null && w.agentId().equals(agentId) && w.covers(action) && (!phaseOnly || w.planId() != null);
            return fits && w.unusableReason(now) == null ? w : null;
        }
        for (Warrant w : warrants.candidates(agentId, action.kind())) {
            if (w.covers(action) && (!phaseOnly || w.planId() != null) && w.unusableReason(now) == null) {
                return w;
            }
        }
        return null;
    }

    /** The denial reason: what is wrong with the warrant that would have covered the action, if any. */
    private String whyNoWarrant(String agentId, GatedAction action, Requirement req, Instant now) {
        Warrant named = action.warrantId() == null ? null : warrants.get(action.warrantId());
        List<Warrant> covering = named != null ? List.of(named) : warrants.candidates(agentId, action.kind());
        for (Warrant w : covering) {
            if (w.agentId().equals(agentId) && w.covers(action) && w.unusableReason(now) != null) {
                return w.unusableReason(now);
            }
        }
        return "no valid warrant of " + agentId + " covers this " + action.kind()
                + (req.warrant() == PolicyDocument.WarrantKind.PHASE ? " (a phase warrant is required)" : "");
    }

    private void end(Warrant w, Warrant.Status status, String by, String reason) {
        if (!warrants.end(w, status, reason)) {
            return; // another thread ended it first, and recorded that
        }
        audit.record(by, "warrant." + (status == Warrant.Status.REVOKED ? "revoke" : status.name().toLowerCase()), w.id(),
                status.name().toLowerCase(), Json.object().put("reason", reason).put("uses", w.uses()));
        listeners.forEach(l -> l.warrantEnded(w));
    }

    private Decision deny(String agentId, GatedAction action, String binding, String reason) {
        audit.record(agentId, "warrant.use", action.kind(), "denied", Json.object().put("binding", binding).put("reason", reason));
        return Decision.denied(binding, reason);
    }
}
