package org.symbi.protocol;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.symbi.protocol.WireKind.AnyObject;
import org.symbi.protocol.WireKind.AnyValue;
import org.symbi.protocol.WireKind.ArrayOf;
import org.symbi.protocol.WireKind.Bool;
import org.symbi.protocol.WireKind.Choice;
import org.symbi.protocol.WireKind.Embedded;
import org.symbi.protocol.WireKind.Const;
import org.symbi.protocol.WireKind.Int;
import org.symbi.protocol.WireKind.Num;
import org.symbi.protocol.WireKind.Obj;
import org.symbi.protocol.WireKind.OneOf;
import org.symbi.protocol.WireKind.Payload;
import org.symbi.protocol.WireKind.Str;
import org.symbi.protocol.WireKind.Tagged;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.symbi.protocol.ProtocolException.Code.INVALID_VALUE;
import static org.symbi.protocol.WireField.optional;
import static org.symbi.protocol.WireField.required;

/** Every wire type of protocol 1.0: the one description the validator, the codec and the published schemas follow. */
final class WireSchema {
    private WireSchema() {
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    // ASCII only, so that Java and ECMA-262 (JSON Schema) regular expressions agree on every input.
    static final Str ID = new Str(1, 128, Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:@+/-]*$"));
    static final Str TOPIC = new Str(1, 256, Pattern.compile("^[A-Za-z0-9_.:/*#-]+$"));
    static final Str ERROR_CODE = new Str(1, 64, Pattern.compile("^[a-z][a-z0-9_]*$"));
    static final Str WS_URL = new Str(1, 2048, Pattern.compile("^wss?://[^ \\t\\r\\n]+$"));
    static final Str HTTP_URL = new Str(1, 2048, Pattern.compile("^https?://[^ \\t\\r\\n]+$"));
    private static final Int COUNT = new Int(0, Integer.MAX_VALUE);
    private static final Int LONG_COUNT = new Int(0, Long.MAX_VALUE);
    private static final Num FRACTION = new Num(BigDecimal.ZERO, BigDecimal.ONE);
    private static final Num NON_NEGATIVE = new Num(BigDecimal.ZERO, null);
    private static final ArrayOf IDS = new ArrayOf(ID, 0, 1024);

    private static Str text(int maxLength) {
        return new Str(0, maxLength, null);
    }

    private static Str name(int maxLength) {
        return new Str(1, maxLength, null);
    }

    static final WireType MODEL_INFO = new WireType("model_info", null, ModelInfo.class,
            "The model behind an agent.", List.of(
            required("provider", name(128), "Who serves the model, e.g. anthropic, openai, ollama."),
            required("name", name(128), "The model's name as its provider spells it."),
            optional("version", text(64), "The model's version, when the name does not pin it.")), List.of());

    static final WireType AGENT_CARD = new WireType("agent_card", "agent-card.schema.json", AgentCard.class,
            "What an agent tells the registry about itself when it registers (payload of register).", List.of(
            required("agent_id", ID, "The agent's unique id; the address other messages use."),
            required("agent_type", name(128), "What kind of agent this is, e.g. coder or reviewer."),
            optional("tier", Choice.of(Tier.class, INVALID_VALUE), "The tier the agent works in.")
                    .withDefault(JSON.textNode("worker")),
            optional("capabilities", new ArrayOf(ID, 0, 256), "What the agent can do; tasks are matched on these.")
                    .withDefault(JSON.arrayNode()),
            optional("repository", text(2048), "The repository the agent works on, if any."),
            optional("endpoint", WS_URL, "A WebSocket URL the room dials to reach the agent."),
            optional("webhook_url", HTTP_URL, "An HTTP URL the room posts messages to, for agents without a socket."),
            optional("version", text(64), "The agent's own version."),
            optional("model", new Obj(MODEL_INFO), "The model behind the agent."),
            optional("max_concurrent_tasks", new Int(1, Integer.MAX_VALUE), "How many tasks the agent takes at once.")
                    .withDefault(JSON.numberNode(1))), List.of());

    static final WireType TASK = new WireType("task", "task.schema.json", TaskSpec.class,
            "A task: what is created through the API and what an agent receives (payload of task_request).", List.of(
            required("task_id", ID, "The task's unique id."),
            optional("workflow_id", ID, "The workflow (DAG) the task belongs to; absent for a lone task."),
            optional("title", text(512), "A one-line summary."),
            optional("description", text(Integer.MAX_VALUE), "What is to be done."),
            optional("required_capabilities", IDS, "Capabilities an agent needs to take the task.")
                    .withDefault(JSON.arrayNode()),
            optional("assigned_agents", IDS, "The agents the task is assigned to.").withDefault(JSON.arrayNode()),
            optional("priority", Choice.of(Priority.class, INVALID_VALUE), "The task's priority lane.")
                    .withDefault(JSON.textNode("normal")),
            optional("deadline", LONG_COUNT, "Milliseconds since the epoch by which the task must end."),
            optional("depends_on", IDS, "Ids of tasks that must complete first.").withDefault(JSON.arrayNode()),
            optional("status", Choice.of(TaskStatus.class, INVALID_VALUE), "The task's lifecycle state.")
                    .withDefault(JSON.textNode("pending")),
            optional("epoch", LONG_COUNT, "The assignment epoch; a result must carry the epoch it answers."),
            optional("input", new AnyValue(), "Task input, any JSON value.")), List.of());

    static final WireType TASK_RESULT = new WireType("task_result", "task-result.schema.json", TaskResult.class,
            "How an agent ends its work on a task (payload of task_response).", List.of(
            required("task_id", ID, "The task this result ends."),
            required("epoch", LONG_COUNT, "The epoch of the assignment this result answers; stale epochs are refused."),
            required("outcome", Choice.of(TaskOutcome.class, INVALID_VALUE), "Whether the task succeeded."),
            optional("result", new AnyValue(), "The task's output, any JSON value."),
            optional("error", text(8192), "Why the task failed.")), List.of());

    static final WireType STATUS_REPORT = new WireType("status_report", "status-report.schema.json",
            StatusReport.class, "An agent's liveness and load (payload of heartbeat and status_update).", List.of(
            required("status", Choice.of(AgentStatus.class, INVALID_VALUE), "The agent's availability."),
            optional("load", FRACTION, "0 (idle) to 1 (full) as the agent measures itself; absent lets the room derive it."),
            optional("active_tasks", COUNT, "How many tasks the agent is working on."),
            optional("cpu_percent", NON_NEGATIVE, "The agent process's CPU use; above 100 on several cores."),
            optional("memory_bytes", LONG_COUNT, "The agent process's resident memory.")), List.of());

    static final WireType ERROR_REPORT = new WireType("error_report", "error-report.schema.json", ErrorReport.class,
            "A refusal or failure (payload of error_report).", List.of(
            required("code", ERROR_CODE, "A stable, lower_snake_case code to act on."),
            required("message", text(8192), "What went wrong, for people."),
            optional("ref_message_id", ID, "The message this error is about.")), List.of());

    static final WireType LOCK_REQUEST = new WireType("lock_request", "lock-request.schema.json", LockRequest.class,
            "A resource to lock or release (payload of resource_lock and resource_release).", List.of(
            required("resource", name(1024), "A resource name such as repo:symbi-core/branch:main or file:src/App.java."),
            optional("lease_ms", new Int(1, Long.MAX_VALUE), "How long the lock holds unless renewed; ignored on release.")),
            List.of());

    static final WireType LOCK_OUTCOME = new WireType("lock_outcome", "lock-outcome.schema.json", null,
            "The room's reply to a resource_lock or resource_release (its payload, with correlation_id set).", List.of(
            required("resource", name(1024), "The resource concerned."),
            required("granted", new Bool(), "Whether the requester holds the lock now (on release: no longer holds it)."),
            optional("holder", ID, "Who holds the resource after the request, if anyone."),
            optional("lease_until", LONG_COUNT, "Milliseconds since the epoch when the holder's lease ends."),
            optional("conflict_id", ID, "The conflict opened because the resource was taken."),
            optional("detail", text(8192), "A sentence for people.")), List.of());

    static final WireType TRACE_STEP = new WireType("trace_step", "trace-step.schema.json", TraceStep.class,
            "One step of an agent's reasoning trace (payload of trace_step). Needs task_id or warrant_request_id.",
            List.of(
            optional("task_id", ID, "The task the step belongs to."),
            optional("warrant_request_id", ID, "The warrant request the step belongs to."),
            required("kind", Choice.of(TraceKind.class, INVALID_VALUE), "What kind of step this is."),
            optional("content", text(Integer.MAX_VALUE), "The text of the step: a thought, a prompt, a tool's output."),
            optional("detail", new AnyObject(), "Structured detail, such as a tool call's arguments or token counts."),
            optional("model", text(128), "The model that produced the step."),
            optional("version", text(64), "The model's version."),
            optional("confidence", FRACTION, "0 to 1 as the agent reports it.")), List.of("task_id", "warrant_request_id"));

    static final WireType SUBSCRIBE = new WireType("subscription", "subscribe.schema.json", Subscription.class,
            "Topics to subscribe to or unsubscribe from (payload of subscribe and unsubscribe).", List.of(
            required("topics", new ArrayOf(TOPIC, 1, 256), "The topics concerned.")), List.of());

    static final WireType ACK = new WireType("ack", "ack.schema.json", Ack.class,
            "Deliveries the agent has processed (payload of ack).", List.of(
            required("delivery_ids", new ArrayOf(ID, 1, 1024), "The ids of the processed deliveries.")), List.of());

    private static final Str ACTION_KIND = new Str(1, 128, Pattern.compile("^[a-z][a-z0-9_.-]*$"));
    private static final Str SHA256_HEX = new Str(64, 64, Pattern.compile("^[0-9a-f]{64}$"));

    static final WireType ACTION = new WireType("action", "action.schema.json", ActionSpec.class,
            "A concrete gated action; a warrant is bound to the SHA-256 of its canonical JSON.", List.of(
            required("kind", ACTION_KIND, "The action kind, e.g. git.push, git.merge, deploy, repo.delete."),
            required("args", new AnyObject(), "The exact arguments: what an approver sees is what may run.")), List.of());

    static final WireType WARRANT_REQUEST = new WireType("warrant_request", "warrant-request.schema.json",
            WarrantRequest.class, "An agent asks to perform a gated action (payload of warrant_request).", List.of(
            required("action", new Obj(ACTION), "The action to perform."),
            optional("warrant_id", ID, "The warrant the agent holds for it, if it knows one."),
            optional("task_id", ID, "The task the action serves."),
            optional("reasoning", text(65536), "Why the agent wants to do it, shown to approvers.")), List.of());

    static final WireType WARRANT_DECISION = new WireType("warrant_decision", "warrant-decision.schema.json",
            WarrantDecision.class, "The room's answer to a warrant request (payload of warrant_decision).", List.of(
            required("status", Choice.of(WarrantStatus.class, INVALID_VALUE), "allowed, pending or denied."),
            required("binding_hash", SHA256_HEX, "Hex SHA-256 of the canonical action the answer is about."),
            optional("warrant_id", ID, "The warrant that allows the action."),
            optional("request_id", ID, "The approval request, when approvals are involved."),
            optional("quorum", text(64), "Approvals so far over approvals needed, e.g. \"1 of 2\"."),
            optional("reason", text(8192), "Why, for people.")), List.of());

    static final WireType ACTION_REPORT = new WireType("action_report", "action-report.schema.json",
            ActionReport.class, "A gated action an agent ran under a warrant (payload of action_report).", List.of(
            required("warrant_id", ID, "The warrant the action ran under."),
            required("action", new Obj(ACTION), "The action exactly as it ran."),
            required("outcome", Choice.of(TaskOutcome.class, INVALID_VALUE), "Whether it succeeded."),
            optional("result", new AnyValue(), "What it produced, any JSON value."),
            optional("signature", new Str(1, 256, Pattern.compile("^[A-Za-z0-9+/=]+$")),
                    "Base64 Ed25519 signature by the agent's key over the binding hash.")), List.of());

    private static final Str BASE64_KEY = new Str(44, 44, Pattern.compile("^[A-Za-z0-9+/]{43}=$"));
    private static final Str BASE64_SIGNATURE = new Str(88, 88, Pattern.compile("^[A-Za-z0-9+/]{86}==$"));

    static final WireType TRUST_RECEIPT = new WireType("trust_receipt", "trust-receipt.schema.json",
            AgentTrustReceipt.class, "The sender's signed statement of something it did (an envelope's trust_receipt); "
            + "the room records it in the ledger, countersigned by the agent's key.", List.of(
            required("action", ACTION_KIND, "What the agent did, e.g. task.completed, git.push, llm.response."),
            required("subject", text(1000), "What it was done to: a task id, a branch, a file; may be empty."),
            required("outcome", ACTION_KIND, "How it ended, e.g. success, failure, executed."),
            optional("payload", new AnyObject(), "Details the agent vouches for, such as hashes of what it produced.")
                    .withDefault(JSON.objectNode()),
            required("public_key", BASE64_KEY, "Base64 of the agent's 32-byte Ed25519 public key."),
            required("signature", BASE64_SIGNATURE, "Base64 Ed25519 signature over the statement: the line "
                    + "symbi-ledger-countersignature/v1 and a newline, then the RFC 8785 canonical JSON of action, actor "
                    + "(agent:<from_agent>), outcome, payload and subject.")), List.of());

    static final WireType AGENT_METRICS = new WireType("agent_metrics", "agent-metrics.schema.json",
            AgentMetrics.class, "Performance metrics of one agent, as the room reports them.", List.of(
            required("agent_id", ID, "The agent measured."),
            required("tasks_completed", LONG_COUNT, "Tasks the agent completed."),
            required("tasks_failed", LONG_COUNT, "Tasks the agent failed."),
            required("success_rate", FRACTION, "Completed over ended tasks."),
            required("average_response_time_ms", NON_NEGATIVE, "Mean time from assignment to result."),
            required("load", NON_NEGATIVE, "Active tasks over max_concurrent_tasks."),
            required("collaboration_score", NON_NEGATIVE, "How well the agent works with others."),
            required("trust_score", NON_NEGATIVE, "How far the agent is trusted.")), List.of());

    static final WireType SYSTEM_METRICS = new WireType("system_metrics", "system-metrics.schema.json",
            SystemMetrics.class, "System-wide metrics, as the room reports them.", List.of(
            required("total_agents", COUNT, "Registered agents."),
            required("online_agents", COUNT, "Agents not offline."),
            required("active_collaborations", COUNT, "Collaborations under way."),
            required("message_throughput", NON_NEGATIVE, "Messages per second."),
            required("system_health", Choice.of(HealthStatus.class, INVALID_VALUE), "Overall health."),
            required("conflict_resolution_rate", FRACTION, "Resolved over raised conflicts.")), List.of());

    static final WireType ENVELOPE = new WireType("envelope", "envelope.schema.json", null,
            "The envelope every message of protocol 1.0 travels in.", List.of(
            // Checked first, so that a newer version is reported as such rather than by its new fields.
            optional("protocol_version", new Const(Envelope.PROTOCOL_VERSION, ProtocolException.Code.UNSUPPORTED_VERSION),
                    "The protocol version.").withDefault(JSON.textNode(Envelope.PROTOCOL_VERSION)),
            required("message_id", ID, "The message's unique id; resending with the same id is deduplicated."),
            required("from_agent", ID, "The sender's agent id."),
            required("to_agent", new OneOf(List.of(new Const(Recipients.BROADCAST_WIRE, INVALID_VALUE), ID,
                    new ArrayOf(ID, 1, 1024))), "One agent id, an array of agent ids, or \"*\" for every registered agent."),
            required("message_type", Choice.of(MessageType.class, ProtocolException.Code.UNKNOWN_MESSAGE_TYPE),
                    "The message type; it decides the payload's type, the route and the delivery class."),
            required("timestamp", LONG_COUNT, "Milliseconds since the epoch, set by the sender."),
            optional("priority", Choice.of(Priority.class, INVALID_VALUE), "The priority lane.")
                    .withDefault(JSON.textNode("normal")),
            optional("payload", new Payload(), "The content; its type follows message_type.")
                    .withDefault(JSON.objectNode()),
            optional("requires_response", new Bool(), "Whether the sender expects a reply.")
                    .withDefault(JSON.booleanNode(false)),
            optional("correlation_id", ID, "The message_id this message answers."),
            optional("trust_receipt", new Obj(TRUST_RECEIPT), "The sender's signed statement of what it did, for the ledger."),
            optional("hop_count", COUNT, "How many times the message was forwarded on behalf of another.")
                    .withDefault(JSON.numberNode(0)),
            optional("causal_chain_id", ID, "The id shared by every message caused by one request; defaults to message_id."),
            optional("delivery", Choice.of(DeliveryClass.class, INVALID_VALUE), "Overrides the message type's delivery class."),
            optional("topic", TOPIC, "The topic of an event; present exactly when message_type is event.")
                    .onlyWhen("message_type", MessageType.EVENT.wire())), List.of());

    private static WireField frameTag(String frame) {
        return required("frame", new Const(frame, INVALID_VALUE), "The frame's kind: \"" + frame + "\".");
    }

    static final WireType WELCOME_FRAME = new WireType("welcome_frame", null, RoomFrame.Welcome.class,
            "The first frame of a session: who the room took the agent to be, and the session's terms.", List.of(
            frameTag("welcome"),
            required("agent_id", ID, "The agent the token names; from_agent of every envelope must be this id."),
            required("session_id", ID, "This connection's id, for logs and support."),
            required("heartbeat_interval_ms", new Int(1, Long.MAX_VALUE), "How often to send a heartbeat."),
            required("window", new Int(1, Integer.MAX_VALUE), "How many deliveries may be unacknowledged at once."),
            required("protocol_version", new Const(Envelope.PROTOCOL_VERSION, ProtocolException.Code.UNSUPPORTED_VERSION),
                    "The protocol version the room speaks.")), List.of());

    static final WireType DELIVER_FRAME = new WireType("deliver_frame", null, RoomFrame.Deliver.class,
            "A message for the agent; acknowledge it with an ack naming delivery_id.", List.of(
            frameTag("deliver"),
            required("delivery_id", ID, "This attempt's id; the ack names it."),
            required("attempt", new Int(1, Integer.MAX_VALUE), "1 for the first delivery, higher for redeliveries."),
            required("envelope", new Embedded(ENVELOPE), "The message, as its sender sent it.")), List.of());

    static final WireType RECEIPT_FRAME = new WireType("receipt_frame", null, RoomFrame.Receipt.class,
            "The room's answer to one envelope the agent sent.", List.of(
            frameTag("receipt"),
            required("message_id", ID, "The message_id of the envelope answered."),
            required("outcome", Choice.of(RoomFrame.Outcome.class, INVALID_VALUE),
                    "accepted, duplicate (accepted before; the sender may forget it) or refused."),
            optional("code", ERROR_CODE, "Why it was refused: a code of the refusal table."),
            optional("reason", text(8192), "Why it was refused, for people."),
            optional("heartbeat_interval_ms", new Int(1, Long.MAX_VALUE), "On an accepted register or heartbeat: "
                    + "how often to send a heartbeat from now on; it grows and shrinks with the number of agents "
                    + "online.")), List.of());

    static final WireType ERROR_FRAME = new WireType("error_frame", null, RoomFrame.Error.class,
            "A frame the room could not read or act on.", List.of(
            frameTag("error"),
            required("code", ERROR_CODE, "A stable, lower_snake_case code: a protocol error code or a session code."),
            required("message", text(8192), "What went wrong, for people."),
            optional("ref_message_id", ID, "The message concerned, when it could be read.")), List.of());

    /** The frames the room sends, told apart by their {@code frame} field; published as room-frame.schema.json. */
    static final List<WireType> ROOM_FRAMES = List.of(WELCOME_FRAME, DELIVER_FRAME, RECEIPT_FRAME, ERROR_FRAME);
    static final String ROOM_FRAME_SCHEMA = "room-frame.schema.json";

    /** Every type with a published schema, in the order the README lists them. */
    static final List<WireType> PUBLISHED = List.of(ENVELOPE, AGENT_CARD, TASK, TASK_RESULT, STATUS_REPORT,
            ERROR_REPORT, LOCK_REQUEST, LOCK_OUTCOME, TRACE_STEP, SUBSCRIBE, ACK, ACTION, WARRANT_REQUEST,
            WARRANT_DECISION, ACTION_REPORT, TRUST_RECEIPT, AGENT_METRICS, SYSTEM_METRICS);

    /** What the payload of a message type must be. */
    static WireKind payloadOf(MessageType type) {
        return switch (type) {
            case TASK_REQUEST -> new Obj(TASK);
            case TASK_RESPONSE -> new Obj(TASK_RESULT);
            case REGISTER -> new Obj(AGENT_CARD);
            case HEARTBEAT, STATUS_UPDATE -> new Obj(STATUS_REPORT);
            case ERROR_REPORT -> new Obj(ERROR_REPORT);
            // the same message types carry the request and the room's reply; the reply says "granted"
            case RESOURCE_LOCK, RESOURCE_RELEASE -> new Tagged("granted", LOCK_OUTCOME, LOCK_REQUEST);
            case TRACE_STEP -> new Obj(TRACE_STEP);
            case SUBSCRIBE, UNSUBSCRIBE -> new Obj(SUBSCRIBE);
            case ACK -> new Obj(ACK);
            case WARRANT_REQUEST -> new Obj(WARRANT_REQUEST);
            case WARRANT_DECISION -> new Obj(WARRANT_DECISION);
            case ACTION_REPORT -> new Obj(ACTION_REPORT);
            case COLLABORATION_INVITE, EVENT -> new AnyObject();
        };
    }

    /** The wire type a record maps to, or empty for classes that are not wire types. */
    static Optional<WireType> forRecord(Class<?> type) {
        if (type == ModelInfo.class) {
            return Optional.of(MODEL_INFO);
        }
        return PUBLISHED.stream().filter(t -> t.recordType() == type).findFirst();
    }
}
