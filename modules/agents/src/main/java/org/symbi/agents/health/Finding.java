package org.symbi.agents.health;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Something wrong the health monitor found in one round.
 *
 * @param code    the alert's code: {@code agent_silent}, {@code queue_backlog} or {@code error_rate}
 * @param subject what it is about: an agent id, or for error rates the capabilities the failing tasks need
 * @param message what is wrong, for people
 * @param detail  what was measured against which limit, for the trace
 * @param restart the supervised local agent a restart would bring back, or null when there is none
 */
public record Finding(String code, String subject, String message, ObjectNode detail, RoomSnapshot.LocalAgent restart) {
}
