package org.symbi.kernel.supervisor;

import java.time.Instant;

/**
 * One supervised local agent as shown to people and over the admin API.
 *
 * @param pid       the current process id, or -1 when no process runs
 * @param restarts  times the room started it again after an exit or a heartbeat loss
 * @param startedAt when its current (or last) process started
 * @param lastExit  the exit status of its last process, or null while none has exited
 * @param detail    why it is in its state ("exited with status 3", "heartbeat lost"), or null
 */
public record LocalAgentView(String agentId, String templateId, long pid, LocalAgentState state, int restarts,
                             Instant startedAt, Integer lastExit, String detail) {
}
