package org.symbi.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.symbi.protocol.ProtocolCodec;
import org.symbi.protocol.ProtocolException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded mutation fuzzing of what crosses the wire: whatever bytes arrive, the decoders return an envelope
 * (from an agent) or a room frame (from the room), or throw {@link ProtocolException}, never anything else. Seeded, so a failure
 * repeats; the failing input is in the message.
 */
class FrameDecoderFuzzTest {
    private static final int ITERATIONS = 20_000;
    private static final List<String> SEEDS = List.of(
            GatewayFixture.envelope("m-1", "coder-1", "orchestrator", "heartbeat", "{\"status\":\"busy\",\"load\":0.5}", ""),
            GatewayFixture.envelope("m-2", "coder-1", "[\"a\",\"b\"]", "task_request",
                    "{\"task_id\":\"t-1\",\"required_capabilities\":[\"java\"],\"input\":{\"n\":[1,2.5,null,true]}}",
                    ",\"priority\":\"high\",\"correlation_id\":\"c-1\",\"hop_count\":3"),
            GatewayFixture.envelope("m-3", "coder-1", "*", "event", "{\"k\":\"v\"}", ",\"topic\":\"ci.builds\""),
            GatewayFixture.envelope("m-4", "coder-1", "orchestrator", "warrant_request",
                    "{\"action\":{\"kind\":\"git.push\",\"args\":{\"branch\":\"main\"}},\"reasoning\":\"é ✓\"}", ""),
            GatewayFixture.envelope("m-5", "coder-1", "orchestrator", "ack", "{\"delivery_ids\":[\"1\",\"2\"]}", ""));
    private static final String[] TOKENS = {"{", "}", "[", "]", "\"", ",", ":", "null", "true", "-1", "1e999",
            "0.5", "\\u0000", "\\", "\"\":", "\uD800", "{\"a\":", "[[[[[[[[", "9223372036854775808", "\"message_type\"",
            "\"payload\":{}", "\"to_agent\":\"*\"", "\"protocol_version\":\"2.0\""};

    /** What an agent's SDK decodes from the room: the same promise for room frames. */
    private static final List<String> FRAME_SEEDS = List.of(
            "{\"frame\":\"welcome\",\"agent_id\":\"coder-1\",\"session_id\":\"s-1\",\"heartbeat_interval_ms\":3333,"
                    + "\"window\":256,\"protocol_version\":\"1.0\"}",
            "{\"frame\":\"deliver\",\"delivery_id\":\"17\",\"attempt\":1,\"envelope\":" + SEEDS.get(1) + "}",
            "{\"frame\":\"receipt\",\"message_id\":\"m-1\",\"outcome\":\"refused\",\"code\":\"rate_limited\","
                    + "\"reason\":\"slow down\"}",
            "{\"frame\":\"error\",\"code\":\"malformed_json\",\"message\":\"$: malformed JSON\"}");

    private final ProtocolCodec codec = new ProtocolCodec();

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void theDecoderOnlyReturnsEnvelopesOrThrowsProtocolExceptions() {
        assertThat(fuzz(SEEDS, codec::decode, 0x5EED_0F_F0221L)).as("mutants that stayed valid").isPositive();
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void theFrameDecoderOnlyReturnsFramesOrThrowsProtocolExceptions() {
        assertThat(fuzz(FRAME_SEEDS, codec::decodeFrame, 0xF2A3E5L)).as("mutants that stayed valid").isPositive();
    }

    /** Decodes mutants of the seeds; returns how many decoded (the fuzzer must also reach the validator). */
    private static int fuzz(List<String> seeds, Function<byte[], Object> decoder, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int decoded = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] input = mutate(seeds.get(random.nextInt(seeds.size())).getBytes(StandardCharsets.UTF_8), random);
            try {
                assertThat(decoder.apply(input)).isNotNull();
                decoded++;
            } catch (ProtocolException expected) {
                assertThat(expected.code()).isNotNull();
            } catch (RuntimeException | StackOverflowError other) {
                throw new AssertionError("iteration " + i + ": " + other + " for input "
                        + new String(input, StandardCharsets.UTF_8), other);
            }
        }
        return decoded;
    }

    private static byte[] mutate(byte[] seed, SplittableRandom random) {
        byte[] out = seed;
        int rounds = 1 + random.nextInt(4);
        for (int r = 0; r < rounds; r++) {
            int at = random.nextInt(out.length + 1);
            out = switch (random.nextInt(5)) {
                case 0 -> flip(out, random);
                case 1 -> splice(out, at, Math.min(out.length, at + random.nextInt(8)), new byte[0]);
                case 2 -> splice(out, at, at, TOKENS[random.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8));
                case 3 -> splice(out, at, Math.min(out.length, at + 1 + random.nextInt(4)),
                        TOKENS[random.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8));
                default -> splice(out, 0, 0, new byte[0]);
            };
            if (out.length == 0) {
                return out;
            }
        }
        return out;
    }

    private static byte[] flip(byte[] in, SplittableRandom random) {
        if (in.length == 0) {
            return in;
        }
        byte[] out = in.clone();
        out[random.nextInt(out.length)] = (byte) random.nextInt(256);
        return out;
    }

    private static byte[] splice(byte[] in, int from, int to, byte[] insert) {
        byte[] out = new byte[in.length - (to - from) + insert.length];
        System.arraycopy(in, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(in, to, out, from + insert.length, in.length - to);
        return out;
    }
}
