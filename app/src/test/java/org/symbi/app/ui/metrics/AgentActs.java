package org.symbi.app.ui.metrics;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.symbi.kernel.Kernel;
import org.symbi.kernel.bus.SendResult;
import org.symbi.kernel.task.TaskView;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.ErrorReport;
import org.symbi.protocol.MessageType;
import org.symbi.protocol.TaskOutcome;
import org.symbi.protocol.TaskResult;
import org.symbi.protocol.TaskSpec;
import org.symbi.protocol.TraceKind;
import org.symbi.protocol.TraceStep;

import java.util.List;

/** What agents do, sent to a real kernel through its one entry point ({@link Kernel#receive}). */
public final class AgentActs {
    private AgentActs() {
    }

    /**
     * Waits, if needed, until the clock is more than a second past a minute's turn and five seconds short of
     * the next. The room's own ticker stores each minute's values at the minute's first tick: work split by
     * a turn would leave a stored minute holding only its first half, close enough to the turn to hide the
     * live sample that follows.
     */
    public static void awayFromAMinuteTurn(Kernel kernel) {
        long intoMinute = kernel.clock().millis() % 60_000;
        if (intoMinute >= 1_000 && intoMinute <= 55_000) {
            return;
        }
        try {
            Thread.sleep(intoMinute < 1_000 ? 1_000 - intoMinute : 61_000 - intoMinute);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static SendResult send(Kernel kernel, Envelope e) {
        return kernel.receive(e).join();
    }

    public static void register(Kernel kernel, String agentId, String capability) {
        SendResult r = send(kernel, toKernel(agentId, MessageType.REGISTER)
                .payload(kernel.codec().toPayload(AgentCard.of(agentId, "test", List.of(capability)))).build());
        if (!r.isAccepted()) {
            throw new AssertionError("registration of " + agentId + " refused: " + r.code());
        }
    }

    public static SendResult reportError(Kernel kernel, String agentId, String code, String message) {
        return send(kernel, toKernel(agentId, MessageType.ERROR_REPORT)
                .payload(kernel.codec().toPayload(new ErrorReport(code, message, null))).build());
    }

    /**
     * A model call as the agents' model sessions report it: an {@code llm_response} step whose detail carries
     * the usage.
     *
     * @param costUsd null for a model whose price is unknown
     */
    public static TraceStep llmResponseStep(String taskId, long tokensIn, long tokensOut, Double costUsd, long latencyMs) {
        ObjectNode detail = JsonNodeFactory.instance.objectNode().put("provider", "openai").put("tokens_in", tokensIn)
                .put("tokens_out", tokensOut).put("latency_ms", latencyMs);
        if (costUsd == null) {
            detail.putNull("cost_usd");
        } else {
            detail.put("cost_usd", costUsd);
        }
        return new TraceStep(taskId, null, TraceKind.LLM_RESPONSE, "def fib(n): ...", detail, "gpt-4o", null, null);
    }

    /** Sends {@link #llmResponseStep} as the agent. */
    public static void llmResponse(Kernel kernel, String agentId, String taskId, long tokensIn, long tokensOut,
                                   Double costUsd, long latencyMs) {
        TraceStep step = llmResponseStep(taskId, tokensIn, tokensOut, costUsd, latencyMs);
        SendResult r = send(kernel, toKernel(agentId, MessageType.TRACE_STEP).payload(kernel.codec().toPayload(step)).build());
        if (!r.isAccepted()) {
            throw new AssertionError("llm_response of " + agentId + " refused: " + r.reason());
        }
    }

    /** A collaboration invite from one agent to another. */
    public static Envelope.Builder invite(String from, String to) {
        return Envelope.builder().fromAgent(from).toAgent(to).messageType(MessageType.COLLABORATION_INVITE)
                .payload(JsonNodeFactory.instance.objectNode().put("task", "review"));
    }

    /** Creates a lone task for a capability, lets the kernel assign it and answers it as its agent. */
    public static TaskView runTask(Kernel kernel, String taskId, String capability, TaskOutcome outcome) {
        kernel.tasks().create(new TaskSpec(taskId, null, "task " + taskId, null, List.of(capability), null, null,
                null, null, null, null, null));
        kernel.tick();
        TaskView assigned = kernel.tasks().find(taskId).orElseThrow();
        if (assigned.assignedAgent() == null) {
            throw new AssertionError("task " + taskId + " was not assigned (" + assigned.status() + ", "
                    + assigned.detail() + "); agents: " + kernel.registry().all());
        }
        TaskResult result = new TaskResult(taskId, assigned.epoch(), outcome, JsonNodeFactory.instance.objectNode()
                .put("done", true), outcome == TaskOutcome.FAILURE ? "boom" : null);
        SendResult r = send(kernel, toKernel(assigned.assignedAgent(), MessageType.TASK_RESPONSE)
                .payload(kernel.codec().toPayload(result)).build());
        if (!r.isAccepted()) {
            throw new AssertionError("result for " + taskId + " refused: " + r.code());
        }
        return assigned;
    }

    private static Envelope.Builder toKernel(String agentId, MessageType type) {
        return Envelope.builder().fromAgent(agentId).toAgent(Envelope.ORCHESTRATOR).messageType(type);
    }
}
