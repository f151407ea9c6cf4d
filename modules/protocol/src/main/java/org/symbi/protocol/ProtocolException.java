package org.symbi.protocol;


/**
 * A frame or payload that breaks the wire protocol. Carries a stable {@link Code} that peers can act on
 * and the JSON path of the offending value, e.g. {@code $.payload.capabilities[2]: expected string, got number}.
 */
public final class ProtocolException extends RuntimeException {

    /** Stable error codes; their wire form is the lower-case name (see docs/protocol/README.md). */
    public enum Code {
        MALFORMED_JSON, TOO_LARGE, TOO_DEEP, MISSING_FIELD, UNKNOWN_FIELD, WRONG_TYPE, UNKNOWN_MESSAGE_TYPE,
        INVALID_VALUE, UNSUPPORTED_VERSION;

        public String wire() {
            return Wire.name(this);
        }
    }

    private final Code code;
    private final String path;
    private final String detail;

    public ProtocolException(Code code, String path, String detail) {
        this(code, path, detail, null);
    }

    /**
     * Without a stack trace: the error describes the input, not the code, and validation tries alternatives by
     * catching these, once per frame for some fields.
     */
    public ProtocolException(Code code, String path, String detail, Throwable cause) {
        super(path + ": " + detail, cause, true, false);
        this.code = code;
        this.path = path;
        this.detail = detail;
    }

    public Code code() {
        return code;
    }

    /** The JSON path of the offending value, {@code $} for the whole frame. */
    public String path() {
        return path;
    }

    /** What is wrong, without the path. */
    public String detail() {
        return detail;
    }

    /** The payload of the {@link MessageType#ERROR_REPORT} that tells the sender what was refused. */
    public ErrorReport toErrorReport(String refMessageId) {
        return new ErrorReport(code.wire(), getMessage(), refMessageId);
    }
}
