package org.symbi.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.symbi.kernel.bus.InboxDepth;
import org.symbi.kernel.metrics.ModelUsage;
import org.symbi.kernel.registry.AgentView;
import org.symbi.kernel.task.TaskView;
import org.symbi.protocol.Priority;
import org.symbi.protocol.ProtocolCodec;

import java.time.Instant;
import java.util.OptionalDouble;

/** The JSON the REST API answers with: snake_case, instants as epoch milliseconds (docs/openapi.yaml). */
final class Views {
    private final ProtocolCodec codec;

    Views(ProtocolCodec codec) {
        this.codec = codec;
    }

    ObjectNode object() {
        return codec.mapper().createObjectNode();
    }

    ArrayNode array() {
        return codec.mapper().createArrayNode();
    }

    ObjectNode agent(AgentView a) {
        ObjectNode n = object();
        n.put("agent_id", a.agentId());
        n.put("status", a.status().wire());
        n.put("load", a.load());
        n.put("active_tasks", a.activeTasks());
        putInstant(n, "last_heartbeat", a.lastHeartbeat());
        putInstant(n, "registered_at", a.registeredAt());
        n.set("card", codec.toPayload(a.card()));
        return n;
    }

    ObjectNode task(TaskView t) {
        ObjectNode n = object();
        n.put("task_id", t.taskId());
        n.put("workflow_id", t.workflowId());
        n.put("title", t.title());
        n.put("status", t.status().wire());
        n.put("epoch", t.epoch());
        n.put("assigned_agent", t.assignedAgent());
        n.put("attempts", t.attempts());
        putInstant(n, "next_attempt_at", t.nextAttemptAt());
        putInstant(n, "assigned_at", t.assignedAt());
        putInstant(n, "created_at", t.createdAt());
        putInstant(n, "updated_at", t.updatedAt());
        n.set("result", t.result());
        n.put("detail", t.detail());
        n.set("spec", codec.toPayload(t.spec()));
        return n;
    }

    /** Model calls summed (docs/metrics.md, "Model usage"); the mean latency is null when no call reported one. */
    ObjectNode modelUsage(ModelUsage u) {
        ObjectNode n = object();
        n.put("calls", u.calls());
        n.put("unpriced_calls", u.unpricedCalls());
        n.put("tokens_in", u.tokensIn());
        n.put("tokens_out", u.tokensOut());
        n.put("cost_usd", u.costUsd());
        OptionalDouble mean = u.meanLatencyMs();
        if (mean.isPresent()) {
            n.put("mean_latency_ms", mean.getAsDouble());
        } else {
            n.putNull("mean_latency_ms");
        }
        return n;
    }

    ObjectNode queue(InboxDepth d) {
        ObjectNode n = object();
        n.put("agent_id", d.agentId());
        ObjectNode lanes = n.putObject("lanes");
        for (Priority p : Priority.values()) {
            lanes.put(p.wire(), d.lanes()[p.lane()]);
        }
        n.put("waiting", d.waiting());
        n.put("processing", d.processing());
        n.put("attached", d.attached());
        return n;
    }

    ObjectNode error(String code, String message) {
        return object().put("code", code).put("message", message);
    }

    private static void putInstant(ObjectNode n, String field, Instant at) {
        if (at != null) {
            n.put(field, at.toEpochMilli());
        }
    }
}
