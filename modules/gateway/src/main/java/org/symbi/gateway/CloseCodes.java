package org.symbi.gateway;

/** The WebSocket close codes the gateway uses (docs/protocol/README.md, "WebSocket session"). */
public final class CloseCodes {
    private CloseCodes() {
    }

    /** The gateway is shutting down; reconnect later. */
    public static final int GOING_AWAY = 1001;
    /** A binary frame: the protocol is text only. */
    public static final int UNSUPPORTED_DATA = 1003;
    /** The agent kept flooding after rate_limited errors. */
    public static final int POLICY_VIOLATION = 1008;
    /** A frame over the size or depth limit. */
    public static final int TOO_BIG = 1009;
    /** The token is missing, forged, expired, not granted or already presented. */
    public static final int UNAUTHORIZED = 4401;
    /** A newer connection of the same agent took over. */
    public static final int REPLACED = 4409;
}
