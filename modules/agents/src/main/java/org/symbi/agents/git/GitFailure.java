package org.symbi.agents.git;

/** Why a git task cannot be done, in words for the person reading the task: the task fails with this message. */
final class GitFailure extends RuntimeException {
    GitFailure(String message) {
        super(message);
    }

    GitFailure(String message, Throwable cause) {
        super(message + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
    }
}
