package org.symbi.protocol;

import org.junit.jupiter.api.Test;
import org.symbi.protocol.ProtocolException.Code;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.symbi.protocol.Samples.frame;

/** Each error code, with the exact path and message a peer sees. */
class ProtocolErrorsTest {
    private final ProtocolCodec codec = new ProtocolCodec();

    private void rejects(String frame, Code code, String message) {
        rejects(frame.getBytes(StandardCharsets.UTF_8), code, message);
    }

    private void rejects(byte[] frame, Code code, String message) {
        assertThatThrownBy(() -> codec.decode(frame)).isInstanceOfSatisfying(ProtocolException.class, e -> {
            assertThat(e.getMessage()).isEqualTo(message);
            assertThat(e.code()).isEqualTo(code);
        });
    }

    @Test
    void malformedJson() {
        rejects(frame("event", "{\"a\":tru}", ",\"topic\":\"t\""), Code.MALFORMED_JSON, "$.payload.a: malformed JSON "
                + "at line 1, column 134: Unrecognized token 'tru': was expecting (JSON String, Number, Array, Object "
                + "or token 'null', 'true' or 'false')");
        rejects("", Code.MALFORMED_JSON, "$: empty frame");
        rejects("{\"message_id\":\"a\",\"message_id\":\"b\"}", Code.MALFORMED_JSON,
                "$.message_id: malformed JSON at line 1, column 32: Duplicate field 'message_id'");
        assertThatThrownBy(() -> codec.decode(Samples.valid().get("heartbeat") + " {}"))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.code()).isEqualTo(Code.MALFORMED_JSON);
                    assertThat(e.detail()).contains("Trailing token");
                });
        assertThatThrownBy(() -> codec.decode(new byte[]{'{', '"', (byte) 0xC3, 0x28, '"', ':', '1', '}'}))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.code()).isEqualTo(Code.MALFORMED_JSON));
    }

    @Test
    void wrongTypes() {
        rejects("[]", Code.WRONG_TYPE, "$: expected object, got array");
        rejects(frame("register", "{\"agent_id\":\"a\",\"agent_type\":\"t\",\"capabilities\":[\"x\",\"y\",3]}"),
                Code.WRONG_TYPE, "$.payload.capabilities[2]: expected string, got number");
        rejects(frame("heartbeat", "{\"status\":\"busy\"}").replace("\"orchestrator\"", "7"),
                Code.WRONG_TYPE, "$.to_agent: expected string or array, got number");
        rejects(frame("heartbeat", "{\"status\":\"busy\"}").replace("1767225600000", "1.5"),
                Code.WRONG_TYPE, "$.timestamp: expected integer, got number 1.5");
        rejects(frame("heartbeat", "{\"status\":\"busy\"}").replace("\"m-1\"", "null"),
                Code.WRONG_TYPE, "$.message_id: expected string, got null");
        rejects(frame("heartbeat", "{\"status\":\"busy\"}", ",\"requires_response\":\"yes\""),
                Code.WRONG_TYPE, "$.requires_response: expected boolean, got string");
        rejects(frame("heartbeat", "[]"), Code.WRONG_TYPE, "$.payload: expected object, got array");
        rejects(frame("event", "{}", ",\"topic\":\"t\",\"trust_receipt\":\"signed\""),
                Code.WRONG_TYPE, "$.trust_receipt: expected object, got string");
    }

    @Test
    void missingFields() {
        rejects(frame("heartbeat", "{\"status\":\"busy\"}").replace(",\"timestamp\":1767225600000", ""),
                Code.MISSING_FIELD, "$.timestamp: missing required field");
        rejects(frame("task_request", "{\"title\":\"no id\"}"), Code.MISSING_FIELD, "$.payload.task_id: missing required field");
        rejects(frame("task_request", "{}").replace(",\"payload\":{}", ""),
                Code.MISSING_FIELD, "$.payload.task_id: missing required field");
        rejects(frame("trace_step", "{\"kind\":\"thought\",\"task_id\":null}"), Code.MISSING_FIELD,
                "$.payload.task_id: missing required field (one of task_id, warrant_request_id is required)");
        rejects(frame("event", "{}"), Code.MISSING_FIELD, "$.topic: missing required field");
        rejects(frame("register", "{\"agent_id\":\"a\",\"agent_type\":\"t\",\"model\":{\"name\":\"m\"}}"),
                Code.MISSING_FIELD, "$.payload.model.provider: missing required field");
    }

    @Test
    void unknownFields() {
        rejects(frame("heartbeat", "{\"status\":\"busy\"}", ",\"extra\":1"), Code.UNKNOWN_FIELD, "$.extra: unknown field");
        rejects(frame("task_request", "{\"task_id\":\"t\",\"taskId\":\"t\"}"), Code.UNKNOWN_FIELD,
                "$.payload.taskId: unknown field");
        rejects(frame("register", "{\"agent_id\":\"a\",\"agent_type\":\"t\",\"model\":{\"provider\":\"p\",\"name\":\"n\","
                + "\"size\":7}}"), Code.UNKNOWN_FIELD, "$.payload.model.size: unknown field");
        rejects(frame("heartbeat", "{\"status\":\"busy\"}", ",\"odd 'key'\":1"), Code.UNKNOWN_FIELD,
                "$['odd \\'key\\'']: unknown field");
    }

    @Test
    void unknownMessageType() {
        rejects(frame("gossip", "{}"), Code.UNKNOWN_MESSAGE_TYPE, "$.message_type: expected one of task_request, "
                + "task_response, collaboration_invite, status_update, error_report, resource_lock, resource_release, "
                + "event, register, heartbeat, ack, subscribe, unsubscribe, trace_step, warrant_request, warrant_decision, "
                + "action_report, got \"gossip\"");
    }

    @Test
    void invalidValues() {
        rejects(frame("heartbeat", "{\"status\":\"busy\"}", ",\"priority\":\"urgent\""), Code.INVALID_VALUE,
                "$.priority: expected one of critical, high, normal, low, got \"urgent\"");
        rejects(frame("heartbeat", "{\"status\":\"busy\"}", ",\"hop_count\":-1"), Code.INVALID_VALUE,
                "$.hop_count: must be >= 0, got -1");
        rejects(frame("heartbeat", "{\"status\":\"busy\",\"load\":1.5}"), Code.INVALID_VALUE,
                "$.payload.load: must be <= 1, got 1.5");
        rejects(frame("heartbeat", "{\"status\":\"busy\"}").replace("1767225600000", "1e30"), Code.INVALID_VALUE,
                "$.timestamp: must be <= 9223372036854775807, got 1E+30");
        rejects(frame("heartbeat", "{\"status\":\"busy\"}").replace("\"orchestrator\"", "[]"), Code.INVALID_VALUE,
                "$.to_agent: must have at least 1 item");
        rejects(frame("heartbeat", "{\"status\":\"busy\"}").replace("\"orchestrator\"", "[\"a\",\"*\"]"),
                Code.INVALID_VALUE, "$.to_agent[1]: \"*\" does not match ^[A-Za-z0-9][A-Za-z0-9._:@+/-]*$");
        rejects(frame("heartbeat", "{\"status\":\"busy\"}").replace("\"coder-1\"", "\"coder 1\""), Code.INVALID_VALUE,
                "$.from_agent: \"coder 1\" does not match ^[A-Za-z0-9][A-Za-z0-9._:@+/-]*$");
        rejects(frame("heartbeat", "{\"status\":\"busy\"}").replace("\"coder-1\"", "\"coder-1\\n\""), Code.INVALID_VALUE,
                "$.from_agent: \"coder-1\n\" does not match ^[A-Za-z0-9][A-Za-z0-9._:@+/-]*$");
        rejects(frame("heartbeat", "{\"status\":\"busy\"}").replace("\"m-1\"", "\"" + "m".repeat(129) + "\""),
                Code.INVALID_VALUE, "$.message_id: must be at most 128 characters, got 129");
        rejects(frame("heartbeat", "{\"status\":\"busy\"}", ",\"topic\":\"t\""), Code.INVALID_VALUE,
                "$.topic: only allowed when message_type is \"event\"");
        rejects(frame("subscribe", "{\"topics\":[]}"), Code.INVALID_VALUE, "$.payload.topics: must have at least 1 item");
        rejects(frame("resource_lock", "{\"resource\":\"\"}"), Code.INVALID_VALUE, "$.payload.resource: must not be empty");
        rejects(frame("trace_step", "{\"task_id\":\"t\",\"kind\":\"dream\"}"), Code.INVALID_VALUE,
                "$.payload.kind: expected one of thought, tool_call, observation, llm_prompt, llm_response, decision, "
                        + "got \"dream\"");
    }

    @Test
    void lockRepliesAreToldFromRequestsByTheirGrantedField() {
        rejects(frame("resource_lock", "{\"resource\":\"r\",\"granted\":\"yes\"}"), Code.WRONG_TYPE,
                "$.payload.granted: expected boolean, got string");
        rejects(frame("resource_release", "{\"resource\":\"r\",\"granted\":null}"), Code.UNKNOWN_FIELD,
                "$.payload.granted: unknown field");
    }

    @Test
    void unsupportedVersion() {
        rejects(frame("heartbeat", "{\"status\":\"busy\"}", ",\"protocol_version\":\"2.0\",\"new_field\":1"),
                Code.UNSUPPORTED_VERSION, "$.protocol_version: expected \"1.0\", got \"2.0\"");
    }

    @Test
    void payloadOfTheWrongRecordIsReportedAtItsPath() {
        Envelope heartbeat = codec.decode(Samples.valid().get("heartbeat"));

        assertThatThrownBy(() -> codec.payloadAs(heartbeat, TaskSpec.class))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("$.payload.task_id: missing required field");
    }

    @Test
    void invalidRecordsAreRefusedAsPayloads() {
        assertThatThrownBy(() -> codec.toPayload(new LockRequest(null, 10L)))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("$.payload.resource: missing required field");
    }

    @Test
    void anErrorBecomesAnErrorReport() {
        ProtocolException e = new ProtocolException(Code.UNKNOWN_FIELD, "$.extra", "unknown field");

        assertThat(e.toErrorReport("m-1")).isEqualTo(new ErrorReport("unknown_field", "$.extra: unknown field", "m-1"));
    }
}
