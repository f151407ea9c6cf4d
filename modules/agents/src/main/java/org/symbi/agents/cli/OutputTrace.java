package org.symbi.agents.cli;

import org.symbi.sdk.AgentClient;
import org.symbi.sdk.Trace;

/**
 * The tool's output as observation steps of the task's trace, a batch of lines per step, so that a chatty
 * tool does not make a step per line and a long output does not make one step beyond the room's size limit.
 */
final class OutputTrace {
    private static final int MAX_LINES = 40;
    private static final int MAX_CHARS = 16 * 1024;

    private final AgentClient client;
    private final String taskId;
    private final StringBuilder batch = new StringBuilder();
    private int lines;

    OutputTrace(AgentClient client, String taskId) {
        this.client = client;
        this.taskId = taskId;
    }

    synchronized void line(String line) {
        String kept = line.length() > MAX_CHARS ? line.substring(0, MAX_CHARS) + " …" : line;
        if (batch.length() + kept.length() > MAX_CHARS) {
            flush();
        }
        batch.append(kept).append('\n');
        if (++lines >= MAX_LINES) {
            flush();
        }
    }

    synchronized void flush() {
        if (!batch.isEmpty()) {
            client.trace(Trace.observation(taskId, batch.toString()));
            batch.setLength(0);
            lines = 0;
        }
    }
}
