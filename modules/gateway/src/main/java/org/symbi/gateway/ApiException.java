package org.symbi.gateway;

/** A REST request the gateway refuses, answered as {@code {"code","message"}} with this HTTP status. */
final class ApiException extends RuntimeException {
    private final int status;
    private final String code;

    ApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
