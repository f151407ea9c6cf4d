package org.symbi.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ProtocolCodecRoundTripTest {
    private final ProtocolCodec codec = new ProtocolCodec();

    static Stream<Arguments> samples() {
        return Samples.valid().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void decodedSamplesSurviveEncodeAndDecode(String name, String frame) {
        Envelope decoded = codec.decode(frame);
        byte[] encoded = codec.encode(decoded);

        assertThat(codec.decode(encoded)).isEqualTo(decoded);
        assertThat(codec.encode(codec.decode(encoded))).isEqualTo(encoded);
    }

    @Test
    void samplesCoverEveryMessageType() {
        var covered = Samples.valid().values().stream().map(f -> codec.decode(f).messageType())
                .collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrder(MessageType.values());
    }

    static Stream<Arguments> typedPayloads() {
        JsonNode input = JsonNodeFactory.instance.objectNode().put("n", 1);
        return Stream.of(
                Arguments.of(MessageType.TASK_REQUEST, new TaskSpec("t-1", "wf", "Title", "Do it", List.of("java"),
                        List.of("a-1"), Priority.HIGH, 1_800_000_000_000L, List.of("t-0"), TaskStatus.ASSIGNED, 4L, input)),
                Arguments.of(MessageType.TASK_RESPONSE, new TaskResult("t-1", 4, TaskOutcome.SUCCESS, input, null)),
                Arguments.of(MessageType.REGISTER, new AgentCard("a-1", "coder", Tier.MANAGER, List.of("java"), "repo",
                        "ws://localhost:9000", "http://localhost:9001/hook", "1.0",
                        new ModelInfo("ollama", "llama3", null), 2)),
                Arguments.of(MessageType.HEARTBEAT, new StatusReport(AgentStatus.AVAILABLE, null, 0, null, null)),
                Arguments.of(MessageType.STATUS_UPDATE, new StatusReport(AgentStatus.BUSY, 0.75, 3, 12.5, 1_000_000L)),
                Arguments.of(MessageType.ERROR_REPORT, new ErrorReport("not_found", "No such task", "m-0")),
                Arguments.of(MessageType.RESOURCE_LOCK, new LockRequest("file:a b.txt", 5_000L)),
                Arguments.of(MessageType.RESOURCE_RELEASE, new LockRequest("file:a b.txt", null)),
                Arguments.of(MessageType.TRACE_STEP, new TraceStep("t-1", null, TraceKind.LLM_PROMPT, "Hello", input,
                        "claude", "4", 1.0)),
                Arguments.of(MessageType.SUBSCRIBE, new Subscription(List.of("ci.builds"))),
                Arguments.of(MessageType.UNSUBSCRIBE, new Subscription(List.of("ci.builds", "tasks/#"))),
                Arguments.of(MessageType.ACK, new Ack(List.of("d-1"))),
                Arguments.of(MessageType.WARRANT_REQUEST, new WarrantRequest(new ActionSpec("git.merge", input), "w-1",
                        "t-1", "review passed")),
                Arguments.of(MessageType.WARRANT_DECISION, new WarrantDecision(WarrantStatus.ALLOWED, "0f".repeat(32),
                        "w-1", "r-1", "2 of 2", "approved")),
                Arguments.of(MessageType.ACTION_REPORT, new ActionReport("w-1", new ActionSpec("deploy", input),
                        TaskOutcome.FAILURE, input, "c2lnbmF0dXJl")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("typedPayloads")
    void builtEnvelopesRoundTripWithTheirRecords(MessageType type, Record payload) {
        Envelope sent = Envelope.builder().messageId("m-1").fromAgent("a-1").toAgent(Envelope.ORCHESTRATOR)
                .messageType(type).timestamp(1_767_225_600_000L).payload(codec.toPayload(payload)).build();

        Envelope received = codec.decode(codec.encode(sent));

        assertThat(received).isEqualTo(sent);
        assertThat(codec.payloadAs(received, payload.getClass())).isEqualTo(payload);
    }

    @Test
    void everyEnvelopeFieldRoundTrips() throws Exception {
        Envelope sent = Envelope.builder().messageId("m-2").fromAgent("a-1").toAgent(Recipients.of(List.of("b", "c")))
                .messageType(MessageType.EVENT).topic("ci.builds").timestamp(7).priority(Priority.LOW)
                .requiresResponse(true).correlationId("m-1")
                .trustReceipt(new ObjectMapper().readTree(Samples.TRUST_RECEIPT))
                .hopCount(3).causalChainId("m-0").delivery(DeliveryClass.TRANSIENT).build();

        assertThat(codec.decode(codec.encodeToString(sent))).isEqualTo(sent);
    }

    @Test
    void encodesCompactlyInFieldOrderWithoutNulls() {
        Envelope e = Envelope.builder().messageId("m-1").fromAgent("a").toAgent("*").messageType(MessageType.HEARTBEAT)
                .timestamp(42).payload(codec.toPayload(new StatusReport(AgentStatus.BUSY, null, 1, null, null))).build();

        assertThat(codec.encodeToString(e)).isEqualTo("""
                {"protocol_version":"1.0","message_id":"m-1","from_agent":"a","to_agent":"*",\
                "message_type":"heartbeat","timestamp":42,"priority":"normal","payload":{"status":"busy",\
                "active_tasks":1},"requires_response":false,"hop_count":0,"causal_chain_id":"m-1"}""");
    }

    @Test
    void absentOptionalFieldsTakeTheirDefaults() {
        Envelope e = codec.decode(Samples.frame("event", "{}", ",\"topic\":\"t\"").replace(",\"payload\":{}", ""));

        assertThat(e.protocolVersion()).isEqualTo("1.0");
        assertThat(e.priority()).isEqualTo(Priority.NORMAL);
        assertThat(e.payload()).isEqualTo(JsonNodeFactory.instance.objectNode());
        assertThat(e.requiresResponse()).isFalse();
        assertThat(e.hopCount()).isZero();
        assertThat(e.causalChainId()).isEqualTo(e.messageId());
        assertThat(e.delivery()).isNull();
        assertThat(e.effectiveDelivery()).isEqualTo(DeliveryClass.DURABLE);
        assertThat(e.correlationId()).isNull();
        assertThat(e.trustReceipt()).isNull();
    }

    @Test
    void decodesTheThreeFormsOfAddress() {
        assertThat(codec.decode(Samples.valid().get("heartbeat")).toAgent())
                .isEqualTo(new Recipients.Direct("orchestrator"));
        assertThat(codec.decode(Samples.valid().get("broadcast_with_nulls")).toAgent()).isEqualTo(Recipients.BROADCAST);
        assertThat(codec.decode(Samples.valid().get("all_envelope_fields")).toAgent())
                .isEqualTo(Recipients.of(List.of("a", "b")));
    }

    @Test
    void numbersInUntypedContentKeepTheirExactText() {
        byte[] encoded = codec.encode(codec.decode(Samples.valid().get("task_request")));

        assertThat(new String(encoded, StandardCharsets.UTF_8))
                .contains("\"big\":12345678901234567890", "\"exact\":1.10", "\"ratio\":0.25");
    }

    @Test
    void integralNumbersWithAZeroFractionAreIntegers() {
        Envelope e = codec.decode(Samples.frame("task_response",
                "{\"task_id\":\"t\",\"epoch\":2.0,\"outcome\":\"success\"}").replace("1767225600000", "1.5e3"));

        assertThat(e.timestamp()).isEqualTo(1500);
        assertThat(codec.payloadAs(e, TaskResult.class).epoch()).isEqualTo(2);
    }

    @Test
    void payloadsOfUnknownClassesAreMappedByJackson() {
        record Build(String build) {
        }
        Envelope e = codec.decode(Samples.valid().get("event"));

        assertThat(codec.payloadAs(e, Build.class)).isEqualTo(new Build("green"));
        assertThat(codec.payloadAs(e, Map.class)).isEqualTo(Map.of("build", "green"));
    }

    @Test
    void codecIsSafeToShareBetweenThreads() {
        List<String> frames = List.copyOf(Samples.valid().values());
        List<Envelope> expected = frames.stream().map(codec::decode).toList();

        boolean allEqual = Arrays.stream(new int[2000]).parallel().allMatch(i -> {
            int k = Math.floorMod(i, frames.size());
            return codec.decode(codec.encode(codec.decode(frames.get(k)))).equals(expected.get(k));
        });
        assertThat(allEqual).isTrue();
    }
}
