package org.symbi.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.symbi.protocol.Samples.frame;

/** A third-party JSON Schema validator and the codec agree on a corpus of valid and invalid frames. */
class SchemaAgreementTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    /**
     * JSON Schema patterns are ECMA-262, where {@code $} is the end of input; the validator's default JDK
     * regex lets {@code $} match before a final newline, so it is translated to {@code \z}.
     */
    private static final SchemaValidatorsConfig ECMA_PATTERNS = SchemaValidatorsConfig.builder()
            .regularExpressionFactory(regex -> {
                Pattern p = Pattern.compile(regex.endsWith("$") ? regex.substring(0, regex.length() - 1) + "\\z" : regex);
                return value -> p.matcher(value).find();
            })
            .build();
    private static final String OK = "{\"status\":\"busy\"}";

    private final ProtocolCodec codec = new ProtocolCodec();

    private static JsonSchema published(String file) {
        try {
            return FACTORY.getSchema(Files.readString(PublishedSchemasTest.DOCS.resolve(file), StandardCharsets.UTF_8),
                    ECMA_PATTERNS);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<ValidationMessage> schemaErrors(String file, String json) throws IOException {
        return published(file).validate(JSON.readTree(json));
    }

    static Map<String, String> invalid() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("array frame", "[]");
        m.put("no timestamp", frame("heartbeat", OK).replace(",\"timestamp\":1767225600000", ""));
        m.put("fractional timestamp", frame("heartbeat", OK).replace("1767225600000", "1.5"));
        m.put("timestamp beyond long", frame("heartbeat", OK).replace("1767225600000", "99999999999999999999"));
        m.put("negative hop count", frame("heartbeat", OK, ",\"hop_count\":-1"));
        m.put("null message id", frame("heartbeat", OK).replace("\"m-1\"", "null"));
        m.put("id with a space", frame("heartbeat", OK).replace("\"coder-1\"", "\"coder 1\""));
        m.put("id with a trailing newline", frame("heartbeat", OK).replace("\"coder-1\"", "\"coder-1\\n\""));
        m.put("id too long", frame("heartbeat", OK).replace("\"m-1\"", "\"" + "m".repeat(129) + "\""));
        m.put("number as recipient", frame("heartbeat", OK).replace("\"orchestrator\"", "7"));
        m.put("no recipients", frame("heartbeat", OK).replace("\"orchestrator\"", "[]"));
        m.put("broadcast inside a list", frame("heartbeat", OK).replace("\"orchestrator\"", "[\"a\",\"*\"]"));
        m.put("unknown envelope field", frame("heartbeat", OK, ",\"extra\":1"));
        m.put("unknown message type", frame("gossip", "{}"));
        m.put("unsupported version", frame("heartbeat", OK, ",\"protocol_version\":\"2.0\""));
        m.put("unknown priority", frame("heartbeat", OK, ",\"priority\":\"urgent\""));
        m.put("unknown delivery", frame("heartbeat", OK, ",\"delivery\":\"eventual\""));
        m.put("string requires_response", frame("heartbeat", OK, ",\"requires_response\":\"yes\""));
        m.put("string trust receipt", frame("event", "{}", ",\"topic\":\"t\",\"trust_receipt\":\"signed\""));
        m.put("event without topic", frame("event", "{}"));
        m.put("event with null topic", frame("event", "{}", ",\"topic\":null"));
        m.put("topic outside an event", frame("heartbeat", OK, ",\"topic\":\"t\""));
        m.put("array payload", frame("heartbeat", "[]"));
        m.put("task without payload", frame("task_request", "{}").replace(",\"payload\":{}", ""));
        m.put("task with null payload", frame("task_request", "null"));
        m.put("task without id", frame("task_request", "{\"title\":\"x\"}"));
        m.put("task with camelCase field", frame("task_request", "{\"task_id\":\"t\",\"taskId\":\"t\"}"));
        m.put("task with unknown status", frame("task_request", "{\"task_id\":\"t\",\"status\":\"done\"}"));
        m.put("task with negative deadline", frame("task_request", "{\"task_id\":\"t\",\"deadline\":-5}"));
        m.put("result without epoch", frame("task_response", "{\"task_id\":\"t\",\"outcome\":\"success\"}"));
        m.put("result with fractional epoch", frame("task_response", "{\"task_id\":\"t\",\"epoch\":1.5,\"outcome\":\"success\"}"));
        m.put("card with numeric capability", frame("register", "{\"agent_id\":\"a\",\"agent_type\":\"t\",\"capabilities\":[\"x\",3]}"));
        m.put("card with zero concurrency", frame("register", "{\"agent_id\":\"a\",\"agent_type\":\"t\",\"max_concurrent_tasks\":0}"));
        m.put("card with http endpoint", frame("register", "{\"agent_id\":\"a\",\"agent_type\":\"t\",\"endpoint\":\"http://x\"}"));
        m.put("card with bare model", frame("register", "{\"agent_id\":\"a\",\"agent_type\":\"t\",\"model\":{\"name\":\"m\"}}"));
        m.put("card with extra model field", frame("register", "{\"agent_id\":\"a\",\"agent_type\":\"t\",\"model\":{\"provider\":\"p\",\"name\":\"n\",\"size\":7}}"));
        m.put("status without status", frame("heartbeat", "{\"load\":0.5}"));
        m.put("load above one", frame("heartbeat", "{\"status\":\"busy\",\"load\":1.5}"));
        m.put("negative memory", frame("status_update", "{\"status\":\"busy\",\"memory_bytes\":-1}"));
        m.put("error with spaced code", frame("error_report", "{\"code\":\"Not Found\",\"message\":\"x\"}"));
        m.put("error without message", frame("error_report", "{\"code\":\"not_found\"}"));
        m.put("lock with empty resource", frame("resource_lock", "{\"resource\":\"\"}"));
        m.put("lock with zero lease", frame("resource_lock", "{\"resource\":\"r\",\"lease_ms\":0}"));
        m.put("lock reply with string granted", frame("resource_lock", "{\"resource\":\"r\",\"granted\":\"yes\"}"));
        m.put("lock reply with lease", frame("resource_lock", "{\"resource\":\"r\",\"granted\":true,\"lease_ms\":5}"));
        m.put("lock request with null granted", frame("resource_lock", "{\"resource\":\"r\",\"granted\":null}"));
        m.put("trace without owner", frame("trace_step", "{\"kind\":\"thought\"}"));
        m.put("trace with null owner", frame("trace_step", "{\"kind\":\"thought\",\"task_id\":null}"));
        m.put("trace with unknown kind", frame("trace_step", "{\"task_id\":\"t\",\"kind\":\"dream\"}"));
        m.put("trace with array detail", frame("trace_step", "{\"task_id\":\"t\",\"kind\":\"thought\",\"detail\":[]}"));
        m.put("trace confidence above one", frame("trace_step", "{\"task_id\":\"t\",\"kind\":\"thought\",\"confidence\":1.01}"));
        m.put("subscribe to nothing", frame("subscribe", "{\"topics\":[]}"));
        m.put("subscribe to spaced topic", frame("subscribe", "{\"topics\":[\"a b\"]}"));
        m.put("unsubscribe without topics", frame("unsubscribe", "{}"));
        m.put("ack of nothing", frame("ack", "{\"delivery_ids\":[]}"));
        m.put("ack with null ids", frame("ack", "{\"delivery_ids\":null}"));
        return m;
    }

    static Stream<Arguments> validFrames() {
        return Samples.valid().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    static Stream<Arguments> invalidFrames() {
        return invalid().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validFrames")
    void bothAcceptValidFrames(String name, String frame) throws IOException {
        assertThat(schemaErrors("envelope.schema.json", frame)).isEmpty();
        assertThat(codec.decode(frame)).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFrames")
    void bothRejectInvalidFrames(String name, String frame) throws IOException {
        assertThat(schemaErrors("envelope.schema.json", frame)).isNotEmpty();
        assertThatThrownBy(() -> codec.decode(frame)).isInstanceOf(ProtocolException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validFrames")
    void payloadsValidateAgainstTheirOwnSchemas(String name, String frame) throws IOException {
        Envelope e = codec.decode(frame);
        WireType type = switch (WireSchema.payloadOf(e.messageType())) {
            case WireKind.Obj o -> o.type();
            case WireKind.Tagged t -> t.typeOf(e.payload());
            default -> null;
        };
        if (type != null) {
            assertThat(published(type.schemaFile()).validate(e.payload())).isEmpty();
        }
    }

    @Test
    void readmeExamplesAreValid() throws IOException {
        String readme = Files.readString(PublishedSchemasTest.DOCS.resolve("README.md"), StandardCharsets.UTF_8);
        Matcher blocks = Pattern.compile("```json\n(.*?)```", Pattern.DOTALL).matcher(readme);
        int examples = 0;
        while (blocks.find()) {
            String example = blocks.group(1);
            assertThat(schemaErrors("envelope.schema.json", example)).as(example).isEmpty();
            assertThat(codec.decode(example)).isNotNull();
            examples++;
        }
        assertThat(examples).isEqualTo(3);
    }

    @Test
    void metricsRecordsValidateAgainstTheirSchemas() {
        AgentMetrics agent = new AgentMetrics("a-1", 10, 2, 0.8333, 1250.5, 0.5, 0.7, 0.9);
        SystemMetrics system = new SystemMetrics(5, 4, 1, 12.5, HealthStatus.DEGRADED, 1.0);

        assertThat(published("agent-metrics.schema.json").validate(codec.toPayload(agent))).isEmpty();
        assertThat(published("system-metrics.schema.json").validate(codec.toPayload(system))).isEmpty();
        assertThat(published("system-metrics.schema.json").validate(
                ((ObjectNode) codec.toPayload(system)).put("system_health", "fine"))).isNotEmpty();
    }

    @Test
    void theCorpusCoversEveryErrorCodeThatASchemaCanExpress() {
        var codes = invalid().values().stream().map(f -> {
            try {
                codec.decode(f);
                return null;
            } catch (ProtocolException e) {
                return e.code();
            }
        }).collect(Collectors.toSet());
        assertThat(codes).containsExactlyInAnyOrder(ProtocolException.Code.MISSING_FIELD,
                ProtocolException.Code.UNKNOWN_FIELD, ProtocolException.Code.WRONG_TYPE,
                ProtocolException.Code.UNKNOWN_MESSAGE_TYPE, ProtocolException.Code.INVALID_VALUE,
                ProtocolException.Code.UNSUPPORTED_VERSION);
    }

    @Test
    void recordsAndTheirWireTypesHaveTheSameFields() {
        for (WireType type : WireSchema.PUBLISHED) {
            if (type.recordType() == null) {
                continue;
            }
            List<String> components = Stream.of(type.recordType().getRecordComponents())
                    .map(c -> c.getName().replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT)).toList();
            assertThat(type.fields().stream().map(WireField::name).toList()).as(type.name())
                    .containsExactlyElementsOf(components);
        }
        List<String> envelope = Stream.of(Envelope.class.getRecordComponents())
                .map(c -> c.getName().replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT)).toList();
        assertThat(WireSchema.ENVELOPE.fields().stream().map(WireField::name).toList()).containsExactlyElementsOf(envelope);
    }
}
