package org.symbi.app.ui.queues;

/**
 * A message delivered to its recipient that it has not acknowledged yet.
 *
 * @param attempt   1 for the first delivery, 2 for the first redelivery, ...
 * @param ageMillis how long ago this delivery was made
 */
public record InFlightMessage(String messageId, long deliveryId, int attempt, long ageMillis) {
}
