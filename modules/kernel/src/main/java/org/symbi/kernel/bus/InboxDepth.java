package org.symbi.kernel.bus;

/**
 * How full one agent's inbox is.
 *
 * @param lanes      waiting messages per lane (critical, high, normal, low), on disk ones included
 * @param processing delivered and not yet acknowledged
 */
public record InboxDepth(String agentId, long[] lanes, int processing, boolean attached) {
    public long waiting() {
        long n = 0;
        for (long l : lanes) {
            n += l;
        }
        return n;
    }
}
