package org.symbi.governance;

/** The answer to an authorization: allowed under a warrant, pending an approval request, or denied. */
public record Decision(Outcome outcome, String warrantId, String requestId, String bindingHash, String reason) {
    public enum Outcome { ALLOWED, PENDING, DENIED }

    static Decision allowed(String warrantId, String bindingHash) {
        return new Decision(Outcome.ALLOWED, warrantId, null, bindingHash, null);
    }

    static Decision pending(String warrantId, String requestId, String bindingHash, String reason) {
        return new Decision(Outcome.PENDING, warrantId, requestId, bindingHash, reason);
    }

    static Decision denied(String bindingHash, String reason) {
        return new Decision(Outcome.DENIED, null, null, bindingHash, reason);
    }

    public boolean allowed() {
        return outcome == Outcome.ALLOWED;
    }
}
