package org.symbi.kernel.bus;

import java.util.List;

/**
 * The bus's answer to a sender. Accepted and duplicate both mean "you may forget this message": a
 * duplicate was accepted before (at-least-once senders resend after a lost ack).
 *
 * @param code   null when accepted or duplicate; otherwise a stable refusal code (docs/protocol)
 */
public record SendResult(String messageId, Outcome outcome, List<String> recipients, String code, String reason) {

    public enum Outcome { ACCEPTED, DUPLICATE, REFUSED }

    public static SendResult accepted(String messageId, List<String> recipients) {
        return new SendResult(messageId, Outcome.ACCEPTED, recipients, null, null);
    }

    public static SendResult duplicate(String messageId) {
        return new SendResult(messageId, Outcome.DUPLICATE, List.of(), null, null);
    }

    public static SendResult refused(String messageId, String code, String reason) {
        return new SendResult(messageId, Outcome.REFUSED, List.of(), code, reason);
    }

    public boolean isAccepted() {
        return outcome != Outcome.REFUSED;
    }
}
