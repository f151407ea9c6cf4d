package org.symbi.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.symbi.protocol.ProtocolException.Code;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON read the protocol's way: one value, no duplicate keys, no trailing content, within a size, a depth and
 * a string length, with every breach a {@link ProtocolException} that names the path and the limit in the
 * protocol's terms. Thread-safe.
 */
final class StrictJson {
    private final JsonMapper mapper;
    private final int maxBytes;
    /** The limits the protocol states, which error messages name. */
    private final ProtocolLimits limits;

    /** Reads documents of at most {@code maxBytes} and {@code maxDepth} levels; strings as {@code limits} allow. */
    StrictJson(ProtocolLimits limits, int maxBytes, int maxDepth) {
        this.limits = limits;
        this.maxBytes = maxBytes;
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxDocumentLength(maxBytes)
                        .maxNestingDepth(maxDepth)
                        .maxStringLength(limits.maxStringLength())
                        .build())
                .build();
        this.mapper = JsonMapper.builder(factory)
                // duplicate keys found while the tree is built, by the map's own insert, rather than by a
                // streaming check that keeps a set of names for every object
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // Decimals as BigDecimal, unstripped, so numbers in untyped content survive a round trip exactly.
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                        JsonInclude.Include.NON_NULL))
                .build();
    }

    JsonMapper mapper() {
        return mapper;
    }

    /** A frame as received, its size checked before it is parsed. */
    JsonNode read(byte[] frame) {
        checkSize(frame.length);
        return parse(m -> m.createParser(frame), "$");
    }

    /** A frame received as text, parsed as the characters it is; its size counts in UTF-8 bytes all the same. */
    JsonNode read(String frame) {
        checkSize(utf8Length(frame, maxBytes));
        return parse(m -> m.createParser(frame), "$");
    }

    /** JSON the room wrote itself, found at {@code at}: only the parser's own limits apply. */
    JsonNode readWritten(byte[] json, String at) {
        return parse(m -> m.createParser(json), at);
    }

    private void checkSize(long bytes) {
        if (bytes > maxBytes) {
            throw new ProtocolException(Code.TOO_LARGE, "$", "frame of " + bytes + " bytes exceeds the limit of "
                    + maxBytes);
        }
    }

    /**
     * The length of {@code text} in UTF-8, counted only when it could exceed {@code max}: a character takes at
     * most three bytes (a surrogate pair, two characters, four).
     */
    static long utf8Length(String text, int max) {
        int chars = text.length();
        if ((long) chars * 3 <= max) {
            return chars;
        }
        long bytes = 0;
        for (int i = 0; i < chars; i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }

    /** Opens a parser on the input at hand, bytes or characters. */
    private interface Input {
        JsonParser open(JsonMapper mapper) throws IOException;
    }

    /** @param at the JSON path of the parsed value, for error messages */
    private JsonNode parse(Input input, String at) {
        JsonParser parser = null;
        try {
            parser = input.open(mapper);
            JsonNode root = mapper.readTree(parser);
            if (root == null || root.isMissingNode()) {
                throw new ProtocolException(Code.MALFORMED_JSON, at, "empty frame");
            }
            return root;
        } catch (StreamConstraintsException e) {
            throw breach(e, pathOf(parser, at));
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new ProtocolException(Code.MALFORMED_JSON, pathOf(parser, at), "malformed JSON" + where + ": "
                    + withoutJacksonTerms(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new ProtocolException(Code.MALFORMED_JSON, at, "unreadable frame: " + e.getMessage(), e);
        } catch (NumberFormatException e) {
            // valid JSON, but an exponent beyond what a decimal can hold (e.g. 1e9999999999)
            throw new ProtocolException(Code.INVALID_VALUE, pathOf(parser, at), "number out of range: "
                    + e.getMessage(), e);
        } finally {
            if (parser != null) {
                try {
                    parser.close();
                } catch (IOException ignored) {
                    // reading from memory: nothing to release
                }
            }
        }
    }

    /** "Duplicate field 'x'", without the node class and feature that Jackson names after it. */
    private static String withoutJacksonTerms(String message) {
        int internals = message.indexOf(" for `");
        return internals > 0 && message.startsWith("Duplicate field") ? message.substring(0, internals) : message;
    }

    /** Says which limit a frame broke in the codec's terms; Jackson's own wording names its internals. */
    private ProtocolException breach(StreamConstraintsException e, String path) {
        String message = e.getOriginalMessage();
        if (message.startsWith("Document nesting depth")) {
            return new ProtocolException(Code.TOO_DEEP, path, "nesting depth exceeds the limit of "
                    + limits.maxDepth(), e);
        }
        if (message.startsWith("String value length")) {
            return new ProtocolException(Code.TOO_LARGE, path, "string exceeds the limit of "
                    + limits.maxStringLength() + " characters", e);
        }
        if (message.startsWith("Document length")) {
            return new ProtocolException(Code.TOO_LARGE, "$", "frame exceeds the limit of "
                    + limits.maxFrameBytes() + " bytes", e);
        }
        return new ProtocolException(Code.TOO_LARGE, path, message, e);
    }

    /** The JSON path the parser had reached, for errors found while parsing. */
    private static String pathOf(JsonParser parser, String at) {
        if (parser == null) {
            return at;
        }
        List<String> steps = new ArrayList<>();
        for (JsonStreamContext c = parser.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                steps.addFirst(WireValidator.child("", c.getCurrentName()));
            } else if (c.inArray() && c.getCurrentIndex() >= 0) {
                steps.addFirst("[" + c.getCurrentIndex() + "]");
            }
        }
        return at + String.join("", steps);
    }
}
