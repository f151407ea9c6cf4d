package org.symbi.kernel.supervisor;

/** Where a supervised local agent stands. */
public enum LocalAgentState {
    /** Its process runs. */
    RUNNING,
    /** It exited or went silent and waits for its next start (backoff). */
    RESTARTING,
    /** A stop was asked; SIGTERM sent, SIGKILL follows after the grace period. */
    STOPPING,
    /** Stopped on request. */
    STOPPED,
    /** It failed more often than the restart budget allows; the room no longer starts it. */
    FAILED
}
