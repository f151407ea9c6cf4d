package org.symbi.sdk;

/**
 * The room refused a message: a refusal code of docs/protocol/README.md (such as {@code unknown_agent},
 * {@code rate_limited}, {@code invalid_value}) or a protocol error code.
 */
public final class RefusedException extends RuntimeException {
    private final String messageId;
    private final String code;

    public RefusedException(String messageId, String code, String reason) {
        super(code + ": " + reason + " (message " + messageId + ")");
        this.messageId = messageId;
        this.code = code;
    }

    public String messageId() {
        return messageId;
    }

    public String code() {
        return code;
    }
}
