package org.symbi.governance;

import org.symbi.store.Database;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * M-of-N approvals of exact actions. Each decision is signed by the approver's own key over
 * {@link ApprovalDecision#message}; an approver counts once per request; the requesting agent never
 * approves its own request; one eligible denial denies the request.
 */
public final class ApprovalService {
    private final Database db;
    private final ApproverRegistry approvers;
    private final InstantSource clock;
    private final AuditTrail audit;
    private final List<GovernanceListener> listeners;
    private final Supplier<Policy> policy;
    /** Requests still relevant to authorization (pending, approved-not-used, denied), by warrant and binding. */
    private final Map<String, ApprovalRequest> byBinding = new ConcurrentHashMap<>();
    private final Map<String, ApprovalRequest> open = new ConcurrentHashMap<>();

    ApprovalService(Database db, ApproverRegistry approvers, InstantSource clock, AuditTrail audit,
                    List<GovernanceListener> listeners, Supplier<Policy> policy) {
        this.db = db;
        this.approvers = approvers;
        this.clock = clock;
        this.audit = audit;
        this.listeners = listeners;
        this.policy = policy;
        db.read(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT * FROM gov_approval_request WHERE status IN ('PENDING', 'APPROVED', 'DENIED')");
                 ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    remember(new ApprovalRequest(rs.getString("id"), rs.getString("warrant_id"), rs.getString("agent_id"),
                            rs.getString("kind"), rs.getString("binding_hash"), rs.getString("action_json"),
                            rs.getString("reasoning"), rs.getString("task_id"), rs.getInt("required"),
                            Json.readList(rs.getString("groups_json")), rs.getString("rule_id"),
                            Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("expires_at")),
                            rs.getBoolean("escalated"), ApprovalRequest.Status.valueOf(rs.getString("status"))));
                }
            }
            return null;
        });
    }

    /** The latest request for this exact action under this warrant, if any is still relevant. */
    Optional<ApprovalRequest> forBinding(String warrantId, String bindingHash) {
        return Optional.ofNullable(byBinding.get(warrantId + "/" + bindingHash));
    }

    ApprovalRequest request(Warrant w, String agentId, GatedAction action, String bindingHash, String canonical,
                            Requirement req) {
        Instant now = clock.instant();
        ApprovalRequest r = new ApprovalRequest("ar-" + UUID.randomUUID(), w.id(), agentId, action.kind(), bindingHash,
                canonical, action.reasoning(), action.taskId(), req.approvals(), req.groups(), req.ruleId(), now,
                now.plus(Duration.ofMinutes(policy.get().document().approvalTimeoutMinutes())), false,
                ApprovalRequest.Status.PENDING);
        db.inTransaction(c -> {
            try (PreparedStatement ins = c.prepareStatement(
                    "INSERT INTO gov_approval_request VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, 'PENDING')")) {
                ins.setString(1, r.id());
                ins.setString(2, r.warrantId());
                ins.setString(3, agentId);
                ins.setString(4, r.kind());
                ins.setString(5, bindingHash);
                ins.setString(6, canonical);
                ins.setString(7, r.reasoning());
                ins.setString(8, r.taskId());
                ins.setInt(9, r.required());
                ins.setString(10, Json.write(r.groups()));
                ins.setString(11, r.ruleId());
                ins.setLong(12, now.toEpochMilli());
                ins.setLong(13, r.expiresAt().toEpochMilli());
                return ins.executeUpdate();
            }
        });
        remember(r);
        audit.record(agentId, "approval.request", r.id(), "pending", Json.object().put("warrant", w.id())
                .put("binding", bindingHash).put("action", canonical).put("required", r.required())
                .put("rule", r.ruleId()).put("reasoning", r.reasoning()));
        listeners.forEach(l -> l.approvalRequested(r));
        return r;
    }

    /**
     * Records an approver's signed decision. Deciding the same way twice changes nothing; the requester, an
     * unregistered or ineligible approver, a bad signature and a closed request are refused.
     */
    public synchronized Quorum decide(String requestId, String approverId, Verdict verdict, String reason,
                                      String signatureBase64) {
        ApprovalRequest r = open.get(requestId);
        if (r == null || r.status() != ApprovalRequest.Status.PENDING) {
            throw new IllegalStateException("request " + requestId + " is not pending");
        }
        if (!clock.instant().isBefore(r.expiresAt())) {
            throw new IllegalStateException("request " + requestId + " has expired");
        }
        Approver a = approvers.get(approverId)
                .orElseThrow(() -> new IllegalArgumentException("unknown approver " + approverId));
        if (approverId.equals(r.agentId())) {
            throw new IllegalArgumentException("separation of duties: " + approverId + " requested this action");
        }
        if (!r.groups().isEmpty() && a.groups().stream().noneMatch(r.groups()::contains)) {
            throw new IllegalArgumentException(approverId + " is not in any of the groups " + r.groups());
        }
        verify(a, r, verdict, signatureBase64);
        List<ApprovalDecision> before = decisions(requestId);
        Optional<ApprovalDecision> earlier = before.stream().filter(d -> d.approverId().equals(approverId)).findFirst();
        if (earlier.isPresent()) {
            if (earlier.get().verdict() != verdict) {
                throw new IllegalStateException(approverId + " already decided " + earlier.get().verdict() + " on " + requestId);
            }
            return quorum(r, before);
        }
        ApprovalDecision d = new ApprovalDecision(requestId, approverId, verdict, reason, signatureBase64, clock.instant());
        db.inTransaction(c -> {
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO gov_approval_decision VALUES (?, ?, ?, ?, ?, ?)")) {
                ins.setString(1, requestId);
                ins.setString(2, approverId);
                ins.setString(3, verdict.name());
                ins.setString(4, reason);
                ins.setString(5, signatureBase64);
                ins.setLong(6, d.decidedAt().toEpochMilli());
                return ins.executeUpdate();
            }
        });
        audit.record(approverId, verdict == Verdict.APPROVE ? "approval.approve" : "approval.deny", requestId,
                verdict.name().toLowerCase(), Json.object().put("binding", r.bindingHash()).put("reason", reason)
                        .put("signature", signatureBase64).put("message", "symbi-approval-v1"));
        List<ApprovalDecision> all = new ArrayList<>(before);
        all.add(d);
        Quorum q = quorum(r, all);
        if (verdict == Verdict.DENY) {
            r = setStatus(r, ApprovalRequest.Status.DENIED, "denied by " + approverId);
        } else if (q.met()) {
            r = setStatus(r, ApprovalRequest.Status.APPROVED, "quorum " + q);
        }
        ApprovalRequest now = r;
        listeners.forEach(l -> l.approvalDecided(now, d, q));
        return q;
    }

    /** Signs and records a decision with the key of an approver registered at this room. */
    public Quorum decideLocally(String requestId, String approverId, Verdict verdict, String reason) {
        PrivateKey key = approvers.localKey(approverId)
                .orElseThrow(() -> new IllegalArgumentException(approverId + " has no key at this room"));
        ApprovalRequest r = request(requestId).orElseThrow(() -> new IllegalStateException("no request " + requestId));
        return decide(requestId, approverId, verdict, reason, sign(key, requestId, r.bindingHash(), verdict));
    }

    /** An Ed25519 signature over the decision message, base64. */
    public static String sign(PrivateKey key, String requestId, String bindingHash, Verdict verdict) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(ApprovalDecision.message(requestId, bindingHash, verdict));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage(), e);
        }
    }

    public Optional<ApprovalRequest> request(String requestId) {
        return Optional.ofNullable(open.get(requestId));
    }

    public List<ApprovalRequest> pending() {
        return open.values().stream().filter(r -> r.status() == ApprovalRequest.Status.PENDING).toList();
    }

    public Quorum quorum(String requestId) {
        return openQuorum(requestId).orElseThrow(() -> new IllegalStateException("no open request " + requestId));
    }

    /** The quorum of a request still open; empty once it was used or expired (or never existed). */
    public Optional<Quorum> openQuorum(String requestId) {
        ApprovalRequest r = open.get(requestId);
        return r == null ? Optional.empty() : Optional.of(quorum(r, decisions(requestId)));
    }

    public List<ApprovalDecision> decisions(String requestId) {
        return db.read(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT approver_id, verdict, reason, signature, decided_at"
                    + " FROM gov_approval_decision WHERE request_id = ? ORDER BY decided_at, approver_id")) {
                q.setString(1, requestId);
                List<ApprovalDecision> out = new ArrayList<>();
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ApprovalDecision(requestId, rs.getString(1), Verdict.valueOf(rs.getString(2)),
                                rs.getString(3), rs.getString(4), Instant.ofEpochMilli(rs.getLong(5))));
                    }
                }
                return out;
            }
        });
    }

    /** Spends an approved request on its one execution; false if another authorization spent it first. */
    synchronized boolean claim(ApprovalRequest r) {
        ApprovalRequest current = open.get(r.id());
        if (current == null || current.status() != ApprovalRequest.Status.APPROVED) {
            return false;
        }
        setStatus(current, ApprovalRequest.Status.USED, "used");
        return true;
    }

    /** Escalates, once, pending requests past their deadline, and expires the rest. */
    synchronized void expireDue() {
        Instant now = clock.instant();
        PolicyDocument.Escalation esc = policy.get().document().escalation();
        for (ApprovalRequest r : List.copyOf(open.values())) {
            if (r.status() != ApprovalRequest.Status.PENDING || now.isBefore(r.expiresAt())) {
                continue;
            }
            if (!r.escalated() && esc != null) {
                Set<String> groups = new LinkedHashSet<>(r.groups());
                if (!groups.isEmpty()) {
                    groups.addAll(esc.toGroups());
                }
                ApprovalRequest up = r.escalate(List.copyOf(groups), now.plus(Duration.ofMinutes(esc.extraMinutes())));
                save(up);
                audit.record("room", "approval.escalate", r.id(), "escalated",
                        Json.object().put("to", String.join(",", esc.toGroups())).put("until", up.expiresAt().toString()));
                listeners.forEach(l -> l.approvalChanged(up));
            } else {
                setStatus(r, ApprovalRequest.Status.EXPIRED, "no quorum before " + r.expiresAt());
            }
        }
    }

    private Quorum quorum(ApprovalRequest r, List<ApprovalDecision> decisions) {
        int approvals = (int) decisions.stream().filter(d -> d.verdict() == Verdict.APPROVE)
                .map(ApprovalDecision::approverId).distinct().count();
        return new Quorum(approvals, r.required(), decisions);
    }

    private static void verify(Approver a, ApprovalRequest r, Verdict verdict, String signatureBase64) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(a.publicKey());
            s.update(ApprovalDecision.message(r.id(), r.bindingHash(), verdict));
            if (s.verify(Base64.getDecoder().decode(signatureBase64))) {
                return;
            }
        } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("the signature of " + a.id() + " does not verify: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("the signature of " + a.id() + " does not verify for this request and decision");
    }

    private ApprovalRequest setStatus(ApprovalRequest r, ApprovalRequest.Status status, String why) {
        ApprovalRequest changed = r.with(status);
        save(changed);
        audit.record("room", "approval." + status.name().toLowerCase(), r.id(), status.name().toLowerCase(),
                Json.object().put("binding", r.bindingHash()).put("why", why));
        if (status != ApprovalRequest.Status.USED) {
            listeners.forEach(l -> l.approvalChanged(changed));
        }
        return changed;
    }

    private void save(ApprovalRequest r) {
        db.inTransaction(c -> {
            try (PreparedStatement up = c.prepareStatement(
                    "UPDATE gov_approval_request SET status = ?, escalated = ?, expires_at = ?, groups_json = ? WHERE id = ?")) {
                up.setString(1, r.status().name());
                up.setBoolean(2, r.escalated());
                up.setLong(3, r.expiresAt().toEpochMilli());
                up.setString(4, Json.write(r.groups()));
                up.setString(5, r.id());
                return up.executeUpdate();
            }
        });
        remember(r);
    }

    private void remember(ApprovalRequest r) {
        String key = r.warrantId() + "/" + r.bindingHash();
        if (r.status() == ApprovalRequest.Status.USED || r.status() == ApprovalRequest.Status.EXPIRED) {
            open.remove(r.id());
            byBinding.computeIfPresent(key, (k, latest) -> latest.id().equals(r.id()) ? null : latest);
        } else {
            open.put(r.id(), r);
            byBinding.put(key, r);
        }
    }
}
