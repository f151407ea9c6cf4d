package org.symbi.agents.git;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.symbi.protocol.ActionSpec;
import org.symbi.protocol.TaskOutcome;
import org.symbi.protocol.TaskSpec;
import org.symbi.protocol.WarrantDecision;
import org.symbi.protocol.WarrantStatus;
import org.symbi.sdk.AgentClient;
import org.symbi.sdk.Trace;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Gated actions of one task: asks the room for a warrant and waits for the decision (approvals included);
 * after the action, reports what happened under it. Both ends are trace steps of the task.
 */
final class WarrantGate {
    private static final Duration REPORT_WAIT = Duration.ofSeconds(30);

    private final AgentClient client;
    private final TaskSpec task;
    private final Duration decisionWait;

    WarrantGate(AgentClient client, TaskSpec task, Duration decisionWait) {
        this.client = client;
        this.task = task;
        this.decisionWait = decisionWait;
    }

    /**
     * @return the allowing decision
     * @throws GitFailure when the warrant is denied or no decision comes in time
     */
    WarrantDecision ask(ActionSpec action, String reasoning) {
        ObjectNode asked = JsonNodeFactory.instance.objectNode().put("kind", action.kind());
        asked.set("args", action.args());
        client.trace(Trace.toolCall(task.taskId(), "warrant.request", asked));
        WarrantDecision d;
        try {
            d = client.requestWarrant(action, reasoning, task.taskId())
                    .get(decisionWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new GitFailure("no warrant decision for " + describe(action) + " within " + decisionWait);
        } catch (ExecutionException e) {
            throw new GitFailure("the room did not take the warrant request for " + describe(action), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitFailure("interrupted while waiting for the warrant for " + describe(action));
        }
        String quorum = d.quorum() == null ? "" : " (approvals " + d.quorum() + ")";
        if (d.status() != WarrantStatus.ALLOWED) {
            client.trace(Trace.decision(task.taskId(), "warrant denied for " + describe(action) + quorum + ": "
                    + d.reason(), 1.0));
            throw new GitFailure("the warrant for " + describe(action) + " was denied" + quorum + ": " + d.reason());
        }
        client.trace(Trace.decision(task.taskId(), "warrant " + d.warrantId() + " allows " + describe(action)
                + quorum, 1.0));
        return d;
    }

    /** Reports an action run under the warrant; the report is waited for so the ledger has it before the task ends. */
    void report(WarrantDecision allowed, ActionSpec action, TaskOutcome outcome, JsonNode result) {
        try {
            client.reportAction(allowed, action, outcome, result).get(REPORT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable why = e instanceof ExecutionException ? e.getCause() : e;
            client.trace(Trace.observation(task.taskId(), "the room did not take the report of "
                    + describe(action) + ": " + why));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String describe(ActionSpec action) {
        JsonNode a = action.args();
        return action.kind() + " of " + a.path("source").asText() + " (" + shortId(a.path("commit").asText())
                + ") to " + a.path("branch").asText() + " of " + a.path("repository").asText();
    }

    static String shortId(String commit) {
        return commit.length() > 10 ? commit.substring(0, 10) : commit;
    }
}
