package org.symbi.protocol;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.symbi.protocol.ProtocolException.Code;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.symbi.protocol.Samples.frame;

class ProtocolLimitsTest {
    private static final ProtocolLimits SMALL = new ProtocolLimits(4096, 4, 100);

    private final ProtocolCodec codec = new ProtocolCodec(SMALL);

    private static String nested(int levels) {
        return "{\"a\":".repeat(levels) + "1" + "}".repeat(levels);
    }

    @Test
    void defaultsAreOneMebibyteThirtyTwoLevelsAndQuarterMebibyteStrings() {
        assertThat(ProtocolLimits.DEFAULTS).isEqualTo(new ProtocolLimits(1_048_576, 32, 262_144));
        assertThat(new ProtocolCodec().limits()).isEqualTo(ProtocolLimits.DEFAULTS);
    }

    @Test
    void framesAboveTheLimitAreRefusedBeforeParsing() {
        String atLimit = frame("event", "{\"x\":\"\"}", ",\"topic\":\"t\"");
        String padded = atLimit.replace("\"x\":\"\"", "\"x\":\"" + "y".repeat(4096 - atLimit.length()) + "\"");
        ProtocolCodec roomy = new ProtocolCodec(new ProtocolLimits(4096, 4, 8192));

        assertThat(padded.getBytes(StandardCharsets.UTF_8)).hasSize(4096);
        assertThat(roomy.decode(padded).payload().get("x").textValue()).hasSize(4096 - atLimit.length());
        assertThatThrownBy(() -> roomy.decode(padded + " "))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.code()).isEqualTo(Code.TOO_LARGE);
                    assertThat(e.getMessage()).isEqualTo("$: frame of 4097 bytes exceeds the limit of 4096");
                });
    }

    @Test
    void aFrameReadAsTextIsMeasuredInUtf8Bytes() {
        String atLimit = frame("event", "{\"x\":\"\"}", ",\"topic\":\"t\"");
        // "é" takes two bytes, "€" three, the surrogate pair of "😀" four: 1,000 characters, 2,250 bytes
        String text = "é€😀a".repeat(200) + "b".repeat(200);
        String fits = atLimit.replace("\"x\":\"\"", "\"x\":\"" + text + "\"");
        ProtocolCodec roomy = new ProtocolCodec(new ProtocolLimits(fits.getBytes(StandardCharsets.UTF_8).length, 4, 8192));

        assertThat(roomy.decode(fits).payload().get("x").textValue()).isEqualTo(text);
        assertThatThrownBy(() -> roomy.decode(fits.replace("b\"", "é\"")))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.code()).isEqualTo(Code.TOO_LARGE);
                    assertThat(e.getMessage()).isEqualTo("$: frame of " + (fits.getBytes(StandardCharsets.UTF_8).length + 1)
                            + " bytes exceeds the limit of " + roomy.limits().maxFrameBytes());
                });
        for (String s : new String[]{"", "ascii", text, "ü".repeat(5000), "😀".repeat(3000)}) {
            assertThat(StrictJson.utf8Length(s, 0)).as(s).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    @Test
    void nestingIsLimitedWhileParsing() {
        // envelope (1) > payload (2) > a (3) > a (4) is the deepest allowed
        assertThat(codec.decode(frame("event", nested(3), ",\"topic\":\"t\"")).payload().at("/a/a/a").intValue())
                .isEqualTo(1);
        assertThatThrownBy(() -> codec.decode(frame("event", nested(4), ",\"topic\":\"t\"")))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.code()).isEqualTo(Code.TOO_DEEP);
                    assertThat(e.path()).isEqualTo("$.payload.a.a.a");
                    assertThat(e.detail()).isEqualTo("nesting depth exceeds the limit of 4");
                });
    }

    @Test
    void nestingIsLimitedForPayloadsBuiltInProcess() {
        ObjectNode deep = JsonNodeFactory.instance.objectNode();
        deep.putObject("a").putObject("a").putObject("a");
        Envelope e = Envelope.builder().fromAgent("a").toAgent("b").messageType(MessageType.TRACE_STEP)
                .payload(JsonNodeFactory.instance.objectNode().put("task_id", "t").put("kind", "thought")
                        .set("detail", deep)).build();

        assertThatThrownBy(() -> codec.payloadAs(e, TraceStep.class))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("$.payload.detail.a.a: nesting depth exceeds the limit of 4");
    }

    @Test
    void longStringsAreLimitedWhileParsing() {
        assertThatThrownBy(() -> codec.decode(frame("event", "{\"x\":\"" + "y".repeat(101) + "\"}", ",\"topic\":\"t\"")))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.code()).isEqualTo(Code.TOO_LARGE);
                    assertThat(e.getMessage()).isEqualTo("$.payload.x: string exceeds the limit of 100 characters");
                });
        TraceStep step = new TraceStep("t", null, TraceKind.THOUGHT, "z".repeat(101), null, null, null, null);
        assertThatThrownBy(() -> codec.toPayload(step))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("$.payload.content: string exceeds the limit of 100 characters");
    }

    @Test
    void longStringsAreLimitedForPayloadsBuiltInProcess() {
        Envelope e = Envelope.builder().fromAgent("a").toAgent("b").messageType(MessageType.TRACE_STEP)
                .payload(JsonNodeFactory.instance.objectNode().put("task_id", "t").put("kind", "thought")
                        .put("content", "z".repeat(101))).build();

        assertThatThrownBy(() -> codec.payloadAs(e, TraceStep.class))
                .isInstanceOfSatisfying(ProtocolException.class, x -> {
                    assertThat(x.code()).isEqualTo(Code.TOO_LARGE);
                    assertThat(x.getMessage()).isEqualTo("$.payload.content: string exceeds the limit of 100 characters");
                });
    }

    @Test
    void limitsMustLeaveRoomForAnEnvelope() {
        assertThatThrownBy(() -> new ProtocolLimits(1024, 1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProtocolLimits(0, 32, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
