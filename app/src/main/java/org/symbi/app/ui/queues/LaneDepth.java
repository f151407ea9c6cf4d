package org.symbi.app.ui.queues;

import org.symbi.protocol.Priority;

/**
 * How many messages wait in one priority lane.
 *
 * @param share the depth as a fraction (0 to 1) of the deepest lane it is shown beside: the width of its bar
 */
public record LaneDepth(Priority lane, long depth, double share) {
}
