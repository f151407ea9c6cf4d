package org.symbi.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.ProtocolCodec;
import org.symbi.protocol.ProtocolException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded mutation fuzzing of what the gateway decodes from agents: whatever bytes arrive, the decoder
 * returns an envelope or throws {@link ProtocolException}, never anything else. Seeded, so a failure
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

    private final ProtocolCodec codec = new ProtocolCodec();

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void theDecoderOnlyReturnsEnvelopesOrThrowsProtocolExceptions() {
        SplittableRandom random = new SplittableRandom(0x5EED_0F_F0221L);
        int decoded = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] input = mutate(SEEDS.get(random.nextInt(SEEDS.size())).getBytes(StandardCharsets.UTF_8), random);
            try {
                Envelope e = codec.decode(input);
                assertThat(e).isNotNull();
                decoded++;
            } catch (ProtocolException expected) {
                assertThat(expected.code()).isNotNull();
            } catch (RuntimeException | StackOverflowError other) {
                throw new AssertionError("iteration " + i + ": " + other + " for input "
                        + new String(input, StandardCharsets.UTF_8), other);
            }
        }
        // the mutations are mostly small, so some frames stay valid: the fuzzer reaches the validator
        assertThat(decoded).isPositive();
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
