package org.symbi.ledger;

/** The ledger cannot do what was asked: its storage failed, or it no longer matches its own checkpoints. */
public class LedgerException extends RuntimeException {
    public LedgerException(String message) {
        super(message);
    }

    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
