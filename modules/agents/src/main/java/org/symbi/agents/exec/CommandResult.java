package org.symbi.agents.exec;

import java.time.Duration;

/**
 * How a command ended.
 *
 * @param exitCode the process's exit status; -1 when it was stopped for taking too long
 * @param timedOut whether the command outran its timeout and its process tree was stopped
 * @param output   standard output and error interleaved, within the command's output limit
 * @param took     from start to end (or to the stop)
 */
public record CommandResult(int exitCode, boolean timedOut, String output, Duration took) {

    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }

    /** One line for traces and reports: "exit 0 after 1.2 s", "timed out after 30 s; stopped". */
    public String summary() {
        String after = String.format(java.util.Locale.ROOT, "%.1f s", took.toMillis() / 1000.0);
        return timedOut ? "timed out after " + after + "; the process and its children were stopped"
                : "exit " + exitCode + " after " + after;
    }
}
