package org.symbi.governance;

/** A policy file that cannot be used; the message names the file and the line. */
public class PolicyException extends RuntimeException {
    public PolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
