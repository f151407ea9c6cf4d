package org.symbi.app.ui.queues;

/**
 * A message waiting in a lane for its recipient.
 *
 * @param ageMillis how long ago its sender sent it
 * @param payload   the start of its payload, for recognising it
 */
public record WaitingMessage(String messageId, String sender, String type, long ageMillis, String payload) {
}
