package org.symbi.kernel.supervisor;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/** The mutable state of one supervised agent; {@link LocalAgents} guards it with its own lock. */
final class SupervisedAgent {
    final String id;
    final AgentTemplate template;
    final RotatingLog log;
    /** When the recent restarts happened, oldest first, to hold them against the restart budget. */
    final Deque<Instant> recentRestarts = new ArrayDeque<>();
    Process process;
    Thread pump;
    LocalAgentState state = LocalAgentState.RUNNING;
    int restarts;
    Instant startedAt;
    Instant restartAt;
    Integer lastExit;
    String detail;
    /** Set from kernel event threads, read by the tick: heartbeat loss counts only after the agent came online. */
    volatile boolean online;
    volatile boolean heartbeatLost;

    SupervisedAgent(String id, AgentTemplate template, RotatingLog log) {
        this.id = id;
        this.template = template;
        this.log = log;
    }

    LocalAgentView view() {
        long pid = process != null && process.isAlive() ? process.pid() : -1;
        return new LocalAgentView(id, template.id(), pid, state, restarts, startedAt, lastExit, detail);
    }
}
