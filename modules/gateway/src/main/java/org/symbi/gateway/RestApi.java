package org.symbi.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.symbi.governance.AgentToken;
import org.symbi.governance.TokenRejectedException;
import org.symbi.kernel.Kernel;
import org.symbi.kernel.bus.Delivery;
import org.symbi.kernel.bus.SendResult;
import org.symbi.kernel.events.KernelEvent;
import org.symbi.kernel.task.TaskView;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.Ids;
import org.symbi.protocol.MessageType;
import org.symbi.protocol.ProtocolCodec;
import org.symbi.protocol.ProtocolException;
import org.symbi.protocol.Recipients;
import org.symbi.protocol.TaskSpec;
import org.symbi.protocol.TaskStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The REST routes under /api (docs/openapi.yaml). Every route needs a bearer agent token. */
final class RestApi {
    /** A long poll also looks again this often, for messages that come back without a new arrival (redelivery). */
    private static final long RECHECK_MS = 1_000;

    private final Kernel kernel;
    private final ProtocolCodec codec;
    private final GatewayConfig config;
    private final Views views;
    private final ScheduledExecutorService poller;
    /** Long polls waiting, by agent: an arrival for the agent wakes them at once. */
    private final Map<String, Set<Runnable>> waiting = new ConcurrentHashMap<>();

    RestApi(Kernel kernel, GatewayConfig config, ScheduledExecutorService poller) {
        this.kernel = kernel;
        this.codec = kernel.codec();
        this.config = config;
        this.views = new Views(codec);
        this.poller = poller;
        kernel.events().subscribe(KernelEvent.MessageAccepted.class, accepted -> {
            for (String recipient : accepted.recipients()) {
                Set<Runnable> wakers = waiting.get(recipient);
                if (wakers != null) {
                    wakers.forEach(poller::execute);
                }
            }
        });
    }

    void routes(RoutesConfig r) {
        r.post("/api/agents/register", this::register);
        r.post("/api/agents/message", this::message);
        r.post("/api/agents/tasks", this::createTasks);
        r.post("/api/agents/token", this::renewToken);
        r.get("/api/agents/session", ctx -> {
            // the welcome a socket would get: the terms for an agent that polls instead
            AgentToken token = authenticate(ctx);
            json(ctx, 200, parse(codec.encodeFrame(Gateway.welcome(kernel, token.agentId(), "rest-" + Ids.newId()))));
        });
        r.get("/api/agents", ctx -> {
            ArrayNode out = views.array();
            authenticate(ctx);
            kernel.registry().all().forEach(a -> out.add(views.agent(a)));
            json(ctx, 200, out);
        });
        r.get("/api/agents/{id}/deliveries", this::deliveries);
        r.get("/api/tasks", this::listTasks);
        r.get("/api/tasks/{id}", ctx -> {
            authenticate(ctx);
            TaskView t = kernel.tasks().find(ctx.pathParam("id"))
                    .orElseThrow(() -> new ApiException(404, "unknown_task", "no task " + ctx.pathParam("id")));
            json(ctx, 200, views.task(t).set("model_usage", views.modelUsage(kernel.metrics().taskModelUsage(t.taskId()))));
        });
        r.get("/api/metrics", this::metrics);
        r.get("/api/queues", ctx -> {
            authenticate(ctx);
            ArrayNode out = views.array();
            kernel.bus().depths().forEach(d -> out.add(views.queue(d)));
            json(ctx, 200, out);
        });
        r.exception(ApiException.class, (e, ctx) -> json(ctx, e.status(), views.error(e.code(), e.getMessage())));
    }

    /** The current metrics (docs/metrics.md): the system's, each registered agent's, and model usage per agent. */
    private void metrics(Context ctx) {
        authenticate(ctx);
        ObjectNode out = views.object();
        out.set("system", codec.toPayload(kernel.metrics().systemMetrics()));
        ArrayNode agents = out.putArray("agents");
        kernel.metrics().allAgentMetrics().forEach(a -> agents.add(codec.toPayload(a)));
        ArrayNode usage = out.putArray("model_usage");
        kernel.metrics().modelUsageByAgent().forEach((agentId, u) ->
                usage.add(views.object().put("agent_id", agentId).setAll(views.modelUsage(u))));
        json(ctx, 200, out);
    }

    /** Verifies the bearer token without consuming it: REST calls reuse a token until it expires. */
    AgentToken authenticate(Context ctx) {
        String token = Bearer.of(ctx.header("Authorization"), null);
        if (token == null) {
            throw new ApiException(401, "unauthorized", "an agent token is required: Authorization: Bearer <token>");
        }
        try {
            return config.tokens().verify(token);
        } catch (TokenRejectedException e) {
            throw new ApiException(401, "unauthorized", e.getMessage());
        }
    }

    private void register(Context ctx) {
        AgentToken token = authenticate(ctx);
        JsonNode card = body(ctx);
        ObjectNode envelope = views.object()
                .put("message_id", Ids.newId())
                .put("from_agent", token.agentId())
                .put("to_agent", Envelope.ORCHESTRATOR)
                .put("message_type", MessageType.REGISTER.wire())
                .put("timestamp", kernel.clock().millis());
        envelope.set("payload", card);
        submit(ctx, token, decode(write(envelope)));
    }

    private void message(Context ctx) {
        AgentToken token = authenticate(ctx);
        submit(ctx, token, decode(ctx.bodyAsBytes()));
    }

    private void submit(Context ctx, AgentToken token, Envelope e) {
        SendResult refusal;
        try {
            refusal = SenderCheck.refusal(e, token, codec);
        } catch (ProtocolException p) {
            throw new ApiException(400, p.code().wire(), p.getMessage());
        }
        if (refusal != null) {
            json(ctx, 403, receipt(e, refusal));
            return;
        }
        ctx.future(() -> kernel.receive(e).thenAccept(r -> json(ctx, statusOf(r), receipt(e, r))));
    }

    private static int statusOf(SendResult r) {
        if (r.outcome() != SendResult.Outcome.REFUSED) {
            return 200;
        }
        return switch (r.code()) {
            case "rate_limited" -> 429;
            case "storage_error" -> 503;
            case "unknown_agent" -> 404;
            default -> 422;
        };
    }

    private JsonNode receipt(Envelope e, SendResult r) {
        return parse(codec.encodeFrame(Receipts.of(kernel, e, r)));
    }

    private void createTasks(Context ctx) {
        authenticate(ctx);
        JsonNode body = body(ctx);
        List<TaskSpec> specs = new ArrayList<>();
        if (body.isArray()) {
            for (JsonNode item : body) {
                specs.add(taskSpec(item));
            }
        } else {
            specs.add(taskSpec(body));
        }
        ArrayNode out = views.array();
        try {
            if (body.isArray()) {
                String workflowId = specs.isEmpty() ? null : specs.getFirst().workflowId();
                kernel.tasks().createWorkflow(workflowId, null, specs).tasks().forEach(t -> out.add(views.task(t)));
            } else {
                out.add(views.task(kernel.tasks().create(specs.getFirst())));
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ApiException(400, "invalid_value", e.getMessage());
        }
        json(ctx, 201, out);
    }

    /** Validated as the payload of a task_request would be, so errors name the same paths. */
    private TaskSpec taskSpec(JsonNode node) {
        Envelope carrier = new Envelope(null, Ids.newId(), Envelope.ORCHESTRATOR, Recipients.of(Envelope.ORCHESTRATOR),
                MessageType.TASK_REQUEST, 0, null, node, false, null, null, 0, null, null, null);
        try {
            return codec.payloadAs(carrier, TaskSpec.class);
        } catch (ProtocolException e) {
            throw new ApiException(400, e.code().wire(), e.getMessage());
        }
    }

    private void renewToken(Context ctx) {
        authenticate(ctx);
        String fresh = config.tokens().renew(Bearer.of(ctx.header("Authorization"), null));
        json(ctx, 200, views.object().put("token", fresh));
    }

    private void listTasks(Context ctx) {
        authenticate(ctx);
        String status = ctx.queryParam("status");
        TaskStatus filter;
        try {
            filter = status == null ? null : TaskStatus.fromWire(status);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "invalid_value", e.getMessage());
        }
        int limit = intParam(ctx, "limit", 100, 1, 1000);
        String since = ctx.queryParam("updated_since");
        Instant updatedSince;
        try {
            updatedSince = since == null ? null : Instant.ofEpochMilli(Long.parseLong(since));
        } catch (NumberFormatException e) {
            throw new ApiException(400, "invalid_value", "updated_since must be epoch milliseconds, got '" + since + "'");
        }
        ArrayNode out = views.array();
        kernel.tasks().list(filter, ctx.queryParam("workflow_id"), updatedSince, limit).forEach(t -> out.add(views.task(t)));
        json(ctx, 200, out);
    }

    /**
     * Long poll: answers at once when deliveries wait, else as soon as one arrives or {@code wait} seconds
     * pass (an empty array). Deliveries are acknowledged with an ack envelope, as over the socket.
     */
    private void deliveries(Context ctx) {
        AgentToken token = authenticate(ctx);
        String agentId = ctx.pathParam("id");
        if (!token.agentId().equals(agentId)) {
            throw new ApiException(403, "forbidden", "a token for '" + token.agentId()
                    + "' cannot read the deliveries of '" + agentId + "'");
        }
        int max = intParam(ctx, "max", 100, 1, 1000);
        long waitMs = intParam(ctx, "wait", 30, 0, (int) config.maxLongPoll().toSeconds()) * 1000L;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
        CompletableFuture<List<Delivery>> answer = new CompletableFuture<>();
        Runnable attempt = () -> pollOnce(agentId, max, deadline, answer);
        Set<Runnable> wakers = waiting.computeIfAbsent(agentId, id -> ConcurrentHashMap.newKeySet());
        wakers.add(attempt);
        answer.whenComplete((list, failure) -> wakers.remove(attempt));
        poller.execute(attempt);
        scheduleRecheck(attempt, deadline, answer);
        ctx.future(() -> answer.thenAccept(list -> {
            ArrayNode out = views.array();
            for (Delivery d : list) {
                out.add(parse(DeliverFrames.of(codec, d)));
            }
            json(ctx, 200, out);
        }));
    }

    /** Runs on the poller thread only, so two attempts for one request never take deliveries at once. */
    private void pollOnce(String agentId, int max, long deadline, CompletableFuture<List<Delivery>> answer) {
        if (answer.isDone()) {
            return;
        }
        try {
            List<Delivery> got = kernel.bus().poll(agentId, max);
            if (!got.isEmpty() || System.nanoTime() >= deadline) {
                answer.complete(got);
            }
        } catch (RuntimeException e) {
            answer.completeExceptionally(e);
        }
    }

    private void scheduleRecheck(Runnable attempt, long deadline, CompletableFuture<List<Delivery>> answer) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        poller.schedule(() -> {
            attempt.run();
            if (!answer.isDone()) {
                scheduleRecheck(attempt, deadline, answer);
            }
        }, Math.max(0, Math.min(RECHECK_MS, left)), TimeUnit.MILLISECONDS);
    }

    private static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String value = ctx.queryParam(name);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new ApiException(400, "invalid_value", name + " must be " + min + " to " + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ApiException(400, "invalid_value", name + " must be an integer, got '" + value + "'");
        }
    }

    private Envelope decode(byte[] body) {
        try {
            return codec.decode(body);
        } catch (ProtocolException e) {
            throw new ApiException(e.code() == ProtocolException.Code.TOO_LARGE ? 413 : 400, e.code().wire(),
                    e.getMessage());
        }
    }

    /** The body as JSON under the protocol's limits. */
    private JsonNode body(Context ctx) {
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length > codec.limits().maxFrameBytes()) {
            throw new ApiException(413, "too_large", "body of " + bytes.length + " bytes exceeds the limit of "
                    + codec.limits().maxFrameBytes());
        }
        try {
            JsonNode node = codec.mapper().readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new ApiException(400, "malformed_json", "empty body");
            }
            return node;
        } catch (StreamConstraintsException e) {
            throw new ApiException(413, "too_large", e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "malformed_json", e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new ApiException(400, "malformed_json", e.getMessage());
        }
    }

    private byte[] write(JsonNode node) {
        try {
            return codec.mapper().writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode parse(byte[] json) {
        try {
            return codec.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void json(Context ctx, int status, JsonNode body) {
        ctx.status(status).contentType("application/json").result(write(body));
    }
}
