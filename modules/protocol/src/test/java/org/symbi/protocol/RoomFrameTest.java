package org.symbi.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoomFrameTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ProtocolCodec codec = new ProtocolCodec();

    private static JsonSchema schema() throws IOException {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(Files.readString(
                PublishedSchemasTest.DOCS.resolve("room-frame.schema.json"), StandardCharsets.UTF_8));
    }

    private List<RoomFrame> samples() {
        Envelope task = codec.decode(Samples.frame("task_request", "{\"task_id\":\"t-1\",\"epoch\":3}"));
        return List.of(
                new RoomFrame.Welcome("coder-1", "s-1", 10_000, 64, null),
                new RoomFrame.Deliver("17", 2, task),
                new RoomFrame.Receipt("m-1", RoomFrame.Outcome.ACCEPTED, null, null),
                new RoomFrame.Receipt("m-3", RoomFrame.Outcome.ACCEPTED, null, null, 10_000L),
                new RoomFrame.Receipt("m-2", RoomFrame.Outcome.REFUSED, "spoofed_sender", "not yours"),
                new RoomFrame.Error("malformed_json", "$: malformed", null));
    }

    @Test
    void everyFrameSurvivesARoundTripAndMatchesTheSchema() throws IOException {
        JsonSchema schema = schema();
        for (RoomFrame frame : samples()) {
            String json = codec.encodeFrameToString(frame);
            assertThat(codec.decodeFrame(json)).as(json).isEqualTo(frame);
            assertThat(schema.validate(JSON.readTree(json))).as(json).isEmpty();
        }
    }

    @Test
    void aDeliverFrameAroundAnEncodedEnvelopeIsTheFrameOfThatEnvelope() throws IOException {
        Envelope task = codec.decode(Samples.frame("task_request", "{\"task_id\":\"t-1\",\"epoch\":3,\"title\":\"caf\u00e9 \u2615\"}"));
        byte[] frame = codec.encodeDeliver("1057", 4, codec.encode(task));
        assertThat(JSON.readTree(frame)).isEqualTo(JSON.readTree(
                "{\"frame\":\"deliver\",\"delivery_id\":\"1057\",\"attempt\":4,\"envelope\":"
                        + codec.encodeToString(task) + "}"));
        assertThat(codec.decodeFrame(new String(frame, StandardCharsets.UTF_8)))
                .isEqualTo(new RoomFrame.Deliver("1057", 4, task));
    }

    @Test
    void decodingIsStrict() throws IOException {
        JsonSchema schema = schema();
        String receipt = "{\"frame\":\"receipt\",\"message_id\":\"m-1\",\"outcome\":\"accepted\"";
        assertRefused("{\"message_id\":\"m-1\"}", ProtocolException.Code.MISSING_FIELD, "$.frame");
        assertRefused("{\"frame\":\"gossip\"}", ProtocolException.Code.INVALID_VALUE, "$.frame");
        assertRefused("{\"frame\":7}", ProtocolException.Code.WRONG_TYPE, "$.frame");
        assertRefused(receipt + ",\"extra\":1}", ProtocolException.Code.UNKNOWN_FIELD, "$.extra");
        assertRefused(receipt.replace("accepted", "maybe") + "}", ProtocolException.Code.INVALID_VALUE, "$.outcome");
        assertRefused("{\"frame\":\"deliver\",\"delivery_id\":\"1\",\"attempt\":1,\"envelope\":{}}",
                ProtocolException.Code.MISSING_FIELD, "$.envelope.message_id");
        assertRefused(receipt, ProtocolException.Code.MALFORMED_JSON, "$.outcome");
        for (String bad : List.of(receipt + ",\"extra\":1}", "{\"frame\":\"gossip\"}",
                "{\"frame\":\"deliver\",\"delivery_id\":\"1\",\"attempt\":1,\"envelope\":{}}")) {
            assertThat(schema.validate(JSON.readTree(bad))).as(bad).isNotEmpty();
        }
    }

    @Test
    void anEnvelopeAtTheDepthLimitStillFitsInADeliverFrame() {
        ProtocolCodec tight = new ProtocolCodec(new ProtocolLimits(1 << 20, 4, 1024));
        String deep = Samples.frame("collaboration_invite", "{\"a\":{\"b\":{}}}");
        Envelope envelope = tight.decode(deep);
        String frame = tight.encodeFrameToString(new RoomFrame.Deliver("1", 1, envelope));
        assertThat(tight.decodeFrame(frame)).isEqualTo(new RoomFrame.Deliver("1", 1, envelope));
        String tooDeep = frame.replace("{\"b\":{}}", "{\"b\":{\"c\":{}}}");
        assertThatThrownBy(() -> tight.decodeFrame(tooDeep)).isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.code()).isEqualTo(ProtocolException.Code.TOO_DEEP));
    }

    @Test
    void readmeFrameExamplesAreValid() throws IOException {
        String readme = Files.readString(PublishedSchemasTest.DOCS.resolve("README.md"), StandardCharsets.UTF_8);
        Matcher blocks = Pattern.compile("```jsonl\n(.*?)```", Pattern.DOTALL).matcher(readme);
        JsonSchema schema = schema();
        int frames = 0;
        while (blocks.find()) {
            for (String line : blocks.group(1).split("\n")) {
                assertThat(schema.validate(JSON.readTree(line))).as(line).isEmpty();
                assertThat(codec.decodeFrame(line)).isNotNull();
                frames++;
            }
        }
        assertThat(frames).isEqualTo(4);
    }

    private void assertRefused(String json, ProtocolException.Code code, String path) {
        assertThatThrownBy(() -> codec.decodeFrame(json)).as(json).isInstanceOfSatisfying(ProtocolException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.path()).isEqualTo(path);
        });
    }
}
