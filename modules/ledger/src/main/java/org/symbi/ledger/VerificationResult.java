package org.symbi.ledger;

/** The outcome of verifying one receipt or one consistency proof: ok, or what is wrong. */
public record VerificationResult(boolean ok, String problem) {
    static VerificationResult valid() {
        return new VerificationResult(true, null);
    }

    static VerificationResult invalid(String problem) {
        return new VerificationResult(false, problem);
    }
}
