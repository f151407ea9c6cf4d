package org.symbi.kernel.supervisor;

import java.time.Duration;

/**
 * How the room supervises its local agents.
 *
 * @param firstBackoff    wait before the first restart; each further restart within the window doubles it
 * @param maxBackoff      longest wait between restarts
 * @param maxRestarts     restarts allowed within {@code window}; one more failure and the room gives up
 * @param window          how far back restarts count against {@code maxRestarts}
 * @param stopGrace       time between SIGTERM and SIGKILL when stopping an agent
 * @param logMaxBytes     size at which an agent's log file is rotated
 * @param logFiles        rotated log files kept besides the current one
 */
public record SupervisorPolicy(Duration firstBackoff, Duration maxBackoff, int maxRestarts, Duration window,
                               Duration stopGrace, long logMaxBytes, int logFiles) {

    public static SupervisorPolicy defaults() {
        return new SupervisorPolicy(Duration.ofSeconds(1), Duration.ofMinutes(1), 5, Duration.ofMinutes(10),
                Duration.ofSeconds(10), 10L * 1024 * 1024, 3);
    }
}
