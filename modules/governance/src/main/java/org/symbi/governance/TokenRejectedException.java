package org.symbi.governance;

/** An agent token that is not accepted; the message says why without echoing the token. */
public class TokenRejectedException extends RuntimeException {
    public TokenRejectedException(String message) {
        super(message);
    }

    public TokenRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
