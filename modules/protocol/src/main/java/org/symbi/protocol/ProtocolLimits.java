package org.symbi.protocol;

/**
 * Bounds on what a peer may send, enforced while parsing (so a hostile frame costs little) and again by
 * the validator (so payloads built in process obey the same rules).
 *
 * @param maxFrameBytes   the largest accepted frame, in bytes of UTF-8
 * @param maxDepth        the deepest nesting of objects and arrays; the envelope itself is depth 1
 * @param maxStringLength the longest string value, in UTF-16 chars
 */
public record ProtocolLimits(int maxFrameBytes, int maxDepth, int maxStringLength) {

    public static final ProtocolLimits DEFAULTS = new ProtocolLimits(1 << 20, 32, 256 * 1024);

    public ProtocolLimits {
        if (maxFrameBytes < 1 || maxDepth < 2 || maxStringLength < 1) {
            // depth 2 is the least that holds an envelope with a payload
            throw new IllegalArgumentException("limits must be positive and allow depth 2: " + maxFrameBytes
                    + ", " + maxDepth + ", " + maxStringLength);
        }
    }
}
