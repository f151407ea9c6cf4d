package org.symbi.gateway.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.symbi.governance.AgentTokens;
import org.symbi.governance.ApprovalRequest;
import org.symbi.governance.Quorum;
import org.symbi.governance.Verdict;
import org.symbi.kernel.Kernel;
import org.symbi.kernel.request.RequestTarget;
import org.symbi.kernel.request.RequestView;
import org.symbi.kernel.supervisor.AdminToken;
import org.symbi.kernel.supervisor.LocalAgentView;
import org.symbi.kernel.supervisor.LocalAgents;
import org.symbi.ledger.LedgerEntry;
import org.symbi.store.KeyFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The admin API under {@code /admin} that the {@code symbi} command line uses against a running room
 * (docs/admin-api.md), and the unauthenticated {@code GET /api/room} with the key agents check the room's
 * signatures with. Every admin route needs {@code Authorization: Bearer <admin token>}; the token is the
 * owner-only {@code admin.token} of the data directory, so only whoever can read that directory gets in.
 */
public final class AdminApi {
    private static final String PREFIX = "Bearer ";
    private static final int MAX_ENTRIES = 1000;

    private final Kernel kernel;
    private final AdminToken adminToken;
    private final AgentTokens agentTokens;
    private final Supplier<LocalAgents> localAgents;
    private final ObjectMapper json;
    private final AdminViews views;

    /**
     * @param localAgents the supervisor of local agents, or a supplier of null where none runs (the agent
     *                    routes then answer 503); a supplier because the supervisor needs the gateway's
     *                    address, known only once the gateway listens
     */
    public AdminApi(Kernel kernel, AdminToken adminToken, AgentTokens agentTokens, Supplier<LocalAgents> localAgents) {
        this.kernel = kernel;
        this.adminToken = adminToken;
        this.agentTokens = agentTokens;
        this.localAgents = localAgents;
        this.json = kernel.codec().mapper();
        this.views = new AdminViews(json);
    }

    public void routes(RoutesConfig r) {
        r.get("/api/room", ctx -> reply(ctx, 200, json.createObjectNode().put("origin", kernel.ledger().origin())
                .put("public_key", KeyFiles.encodePublic(kernel.ledger().publicKey()))));
        r.get("/admin/agents", admin(this::listAgents));
        r.post("/admin/agents/start", admin(ctx -> {
            String template = text(body(ctx), "template");
            reply(ctx, 200, localAgent(unknownIsNotFound(() -> supervisor().start(template))));
        }));
        r.post("/admin/agents/{id}/stop", admin(ctx -> reply(ctx, 200,
                localAgent(unknownIsNotFound(() -> supervisor().stop(ctx.pathParam("id")))))));
        r.get("/admin/approvals", admin(ctx -> reply(ctx, 200, views.pendingApprovals(kernel.governance().approvals()))));
        r.post("/admin/approvals/{id}/approve", admin(ctx -> decide(ctx, Verdict.APPROVE)));
        r.post("/admin/approvals/{id}/deny", admin(ctx -> decide(ctx, Verdict.DENY)));
        r.post("/admin/tokens", admin(this::issueToken));
        r.get("/admin/ledger", admin(ctx -> reply(ctx, 200, views.ledgerStatus(kernel.ledger()))));
        r.get("/admin/ledger/verify", admin(ctx -> reply(ctx, 200, views.verification(kernel.ledger().verify(n -> { })))));
        r.get("/admin/ledger/entries", admin(this::entries));
        r.get("/admin/ledger/receipts/{seq}", admin(this::receipt));
        r.get("/admin/requests", admin(ctx -> {
            ArrayNode out = json.createArrayNode();
            kernel.requests().list((int) longParam(ctx, "limit", 1, 1_000, 50)).forEach(q -> out.add(request(q)));
            reply(ctx, 200, json.createObjectNode().set("requests", out));
        }));
        r.post("/admin/requests", admin(ctx -> {
            JsonNode body = body(ctx);
            String test = body.path("test_command").isTextual() ? body.path("test_command").asText() : null;
            RequestTarget target = RequestTarget.of(Path.of(text(body, "repository")), test);
            String by = body.path("requested_by").isTextual() ? body.path("requested_by").asText() : Kernel.LOCAL_APPROVER;
            reply(ctx, 201, request(kernel.requests().submit(text(body, "request"), target, by)));
        }));
        r.get("/admin/requests/{id}", admin(ctx -> reply(ctx, 200, request(kernel.requests().find(ctx.pathParam("id"))
                .orElseThrow(() -> new AdminException(404, "unknown_request", "no request " + ctx.pathParam("id")))))));
        r.post("/admin/requests/{id}/confirm", admin(ctx -> reply(ctx, 200,
                request(kernel.requests().confirm(knownRequest(ctx), Kernel.LOCAL_APPROVER)))));
        r.post("/admin/requests/{id}/discard", admin(ctx -> {
            JsonNode body = ctx.body().isBlank() ? json.createObjectNode() : body(ctx);
            reply(ctx, 200, request(kernel.requests().discard(knownRequest(ctx), Kernel.LOCAL_APPROVER,
                    body.path("reason").asText(null))));
        }));
        r.exception(AdminException.class, (e, ctx) -> reply(ctx, e.status, error(e.code, e.getMessage())));
    }

    /** Checks the admin token before the handler runs; 401 without the right one. */
    private Handler admin(Handler handler) {
        return ctx -> {
            String header = ctx.header("Authorization");
            String presented = header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                    ? header.substring(PREFIX.length()).strip() : null;
            if (!adminToken.matches(presented)) {
                throw new AdminException(401, "unauthorized",
                        "the admin token is required: Authorization: Bearer <contents of admin.token>");
            }
            try {
                handler.handle(ctx);
            } catch (IllegalArgumentException e) {
                throw new AdminException(400, "invalid_value", e.getMessage());
            } catch (IllegalStateException e) {
                throw new AdminException(409, "conflict", e.getMessage());
            }
        };
    }

    /** The supervised local agents; none where the room supervises none. */
    private void listAgents(Context ctx) {
        ObjectNode out = json.createObjectNode();
        ArrayNode local = out.putArray("agents");
        LocalAgents supervisor = localAgents.get();
        if (supervisor != null) {
            supervisor.list().forEach(a -> local.add(localAgent(a)));
        }
        reply(ctx, 200, out);
    }

    /** The supervisor refuses unknown templates and ids with IllegalArgumentException. */
    private static LocalAgentView unknownIsNotFound(Supplier<LocalAgentView> action) {
        try {
            return action.get();
        } catch (IllegalArgumentException e) {
            throw new AdminException(404, "not_found", e.getMessage());
        }
    }

    private void decide(Context ctx, Verdict verdict) {
        String requestId = ctx.pathParam("id");
        kernel.governance().approvals().request(requestId).filter(a -> a.status() == ApprovalRequest.Status.PENDING)
                .orElseThrow(() -> new AdminException(404, "unknown_request", "no pending approval request " + requestId));
        JsonNode body = ctx.body().isBlank() ? json.createObjectNode() : body(ctx);
        String reason = body.path("reason").isTextual() ? body.path("reason").asText() : null;
        if (verdict == Verdict.DENY && (reason == null || reason.isBlank())) {
            throw new AdminException(400, "missing_field", "a denial needs a reason");
        }
        Quorum q = kernel.governance().approvals().decideLocally(requestId, Kernel.LOCAL_APPROVER, verdict, reason);
        reply(ctx, 200, json.createObjectNode().put("request_id", requestId)
                .put("verdict", verdict.name().toLowerCase(Locale.ROOT)).put("approver", Kernel.LOCAL_APPROVER)
                .put("quorum", q.toString()).put("met", q.met()));
    }

    private String knownRequest(Context ctx) {
        String id = ctx.pathParam("id");
        if (kernel.requests().find(id).isEmpty()) {
            throw new AdminException(404, "unknown_request", "no request " + id);
        }
        return id;
    }

    private ObjectNode request(RequestView q) {
        ObjectNode n = json.createObjectNode().put("request_id", q.requestId()).put("text", q.text())
                .put("status", q.status().wire()).put("detail", q.detail()).put("repository", q.target().name())
                .put("worktree", q.target().worktree().toString()).put("base", q.target().base())
                .put("requested_by", q.requestedBy()).put("plan_task", q.planTaskId());
        AdminViews.putInstant(n, "created_at", q.createdAt());
        AdminViews.putInstant(n, "updated_at", q.updatedAt());
        n.set("plan", q.draft() == null ? null : json.valueToTree(q.draft()));
        n.set("report", q.report());
        return n;
    }

    private void issueToken(Context ctx) {
        JsonNode body = body(ctx);
        String agentId = text(body, "agent");
        Set<String> capabilities = strings(body, "capabilities");
        Set<String> repos = strings(body, "repos");
        agentTokens.grant(agentId, capabilities, repos);
        reply(ctx, 200, json.createObjectNode().put("agent", agentId)
                .put("token", agentTokens.issue(agentId, capabilities, repos)));
    }

    private void entries(Context ctx) {
        long from = longParam(ctx, "from", 0, Long.MAX_VALUE, 0);
        int limit = (int) longParam(ctx, "limit", 1, MAX_ENTRIES, 100);
        ArrayNode out = json.createArrayNode();
        for (LedgerEntry e : kernel.ledger().entries(from, limit)) {
            ObjectNode n = out.addObject().put("seq", e.seq());
            AdminViews.putInstant(n, "time", e.time());
            n.put("actor", e.actor()).put("action", e.action()).put("subject", e.subject())
                    .put("outcome", e.outcome()).put("context_hash", e.contextHash()).put("leaf_hash", e.leafHash());
            n.set("payload", e.payload());
            n.put("canonical", e.canonicalJson());
        }
        reply(ctx, 200, json.createObjectNode().put("size", kernel.ledger().size()).set("entries", out));
    }

    /** The entry's trust receipt, as {@code symbi ledger prove} prints it; signs a checkpoint if none covers it. */
    private void receipt(Context ctx) {
        long seq;
        try {
            seq = Long.parseLong(ctx.pathParam("seq"));
        } catch (NumberFormatException e) {
            throw new AdminException(400, "invalid_value", "seq must be an integer, got '" + ctx.pathParam("seq") + "'");
        }
        long size = kernel.ledger().size();
        if (seq < 0 || seq >= size) {
            throw new AdminException(404, "unknown_entry", "no entry " + seq + " in a ledger of " + size);
        }
        try {
            reply(ctx, 200, json.readTree(kernel.ledger().receipt(seq).toJson()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("the ledger wrote an unreadable receipt", e);
        }
    }

    private LocalAgents supervisor() {
        LocalAgents supervisor = localAgents.get();
        if (supervisor == null) {
            throw new AdminException(503, "no_supervisor", "this room does not supervise local agents");
        }
        return supervisor;
    }

    private ObjectNode localAgent(LocalAgentView a) {
        ObjectNode n = json.createObjectNode().put("agent_id", a.agentId()).put("template", a.templateId())
                .put("pid", a.pid()).put("state", a.state().name()).put("restarts", a.restarts());
        AdminViews.putInstant(n, "started_at", a.startedAt());
        return n.put("last_exit", a.lastExit()).put("detail", a.detail());
    }

    private JsonNode body(Context ctx) {
        try {
            JsonNode node = json.readTree(ctx.body());
            if (node == null || !node.isObject()) {
                throw new AdminException(400, "malformed_json", "the body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new AdminException(400, "malformed_json", e.getMessage());
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new AdminException(400, "missing_field", field + " is required (a string)");
        }
        return v.asText();
    }

    private static Set<String> strings(JsonNode body, String field) {
        Set<String> out = new LinkedHashSet<>();
        JsonNode v = body.path(field);
        if (!v.isMissingNode() && !v.isNull() && !v.isArray()) {
            throw new AdminException(400, "wrong_type", field + " must be an array of strings");
        }
        v.forEach(item -> out.add(item.asText()));
        return out;
    }

    private static long longParam(Context ctx, String name, long min, long max, long fallback) {
        String value = ctx.queryParam(name);
        if (value == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(value);
            if (n < min || n > max) {
                throw new AdminException(400, "invalid_value", name + " must be " + min + " to " + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new AdminException(400, "invalid_value", name + " must be an integer, got '" + value + "'");
        }
    }

    private ObjectNode error(String code, String message) {
        return json.createObjectNode().put("error", message).put("code", code);
    }

    private void reply(Context ctx, int status, JsonNode body) {
        try {
            ctx.status(status).contentType("application/json").result(json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A refused admin request, answered as {@code {"error","code"}} with this status. */
    static final class AdminException extends RuntimeException {
        final int status;
        final String code;

        AdminException(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }
}
