package org.symbi.kernel.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.symbi.kernel.events.EventStream;
import org.symbi.kernel.events.KernelEvent;
import org.symbi.kernel.metrics.ModelUsage;
import org.symbi.kernel.metrics.ModelUsageBook;
import org.symbi.protocol.ErrorReport;
import org.symbi.protocol.TraceKind;
import org.symbi.protocol.TraceStep;
import org.symbi.store.Database;
import org.symbi.store.StoreException;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Reasoning-trace steps, stored with the task or warrant request they belong to, and the errors agents
 * report to the orchestrator (tables trace_step and agent_error). Each {@code llm_response} step is also
 * counted, in the same transaction, in the model usage of its agent and task ({@link ModelUsageBook}).
 */
public final class TraceStore {
    /** Largest step content, in UTF-8 bytes. */
    public static final int MAX_CONTENT_BYTES = 256 * 1024;
    /** Largest step detail, in characters of its JSON. */
    public static final int MAX_DETAIL_CHARS = 64 * 1024;
    /** Most rows one query returns; a task with a longer trace is read from its start. */
    public static final int MAX_ROWS = 10_000;
    private static final int MAX_ID = 128;
    private static final int MAX_MODEL = 256;
    private static final int MAX_ERROR_MESSAGE = 16 * 1024;

    private static final String STEP_COLUMNS = "id, agent_id, recorded_at, task_id, warrant_request_id, kind, content,"
            + " detail, model, version, confidence";

    private final Database db;
    private final ObjectMapper json;
    private final InstantSource clock;
    private final EventStream events;
    private final ModelUsageBook usage;

    public TraceStore(Database db, ObjectMapper json, InstantSource clock, EventStream events, ModelUsageBook usage) {
        this.db = db;
        this.json = json;
        this.clock = clock;
        this.events = events;
        this.usage = usage;
    }

    /**
     * Stores a step and publishes {@link KernelEvent.TraceRecorded}.
     *
     * @throws IllegalArgumentException when the step has no kind or content, its content exceeds
     *                                  {@link #MAX_CONTENT_BYTES}, its confidence is outside [0, 1], a field is too long,
     *                                  or an {@code llm_response} step's usage fields are not numbers ({@link ModelUsage#ofResponse})
     */
    public StoredTrace record(String agentId, TraceStep step) {
        requireAgent(agentId);
        if (step.kind() == null) {
            throw new IllegalArgumentException("trace step needs a kind (one of thought, tool_call, observation,"
                    + " llm_prompt, llm_response, decision)");
        }
        if (step.content() == null) {
            throw new IllegalArgumentException("trace step needs content");
        }
        int bytes = utf8Length(step.content());
        if (bytes > MAX_CONTENT_BYTES) {
            throw new IllegalArgumentException("trace step content is " + bytes + " bytes; the limit is "
                    + MAX_CONTENT_BYTES + " (256 KiB): store large outputs elsewhere and reference them");
        }
        Double confidence = step.confidence();
        if (confidence != null && !(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("trace step confidence must be within [0, 1]: " + confidence);
        }
        requireLength("task_id", step.taskId(), MAX_ID);
        requireLength("warrant_request_id", step.warrantRequestId(), MAX_ID);
        requireLength("model", step.model(), MAX_MODEL);
        requireLength("version", step.version(), MAX_MODEL);
        String detail = detailJson(step.detail());
        ModelUsage call = step.kind() == TraceKind.LLM_RESPONSE ? ModelUsage.ofResponse(step.detail()) : null;
        Instant now = clock.instant();
        long id = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO trace_step (agent_id, task_id, warrant_request_id,"
                    + " kind, content, detail, model, version, confidence, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, agentId);
                ps.setString(2, step.taskId());
                ps.setString(3, step.warrantRequestId());
                ps.setString(4, step.kind().wire());
                ps.setString(5, step.content());
                ps.setString(6, detail);
                ps.setString(7, step.model());
                ps.setString(8, step.version());
                if (confidence == null) {
                    ps.setNull(9, Types.DOUBLE);
                } else {
                    ps.setDouble(9, confidence);
                }
                ps.setLong(10, now.toEpochMilli());
                ps.executeUpdate();
                long stepId = generatedId(ps);
                if (call != null) {
                    usage.write(c, agentId, step.taskId(), call);
                }
                return stepId;
            }
        });
        if (call != null) {
            usage.counted(agentId, call);
        }
        events.publish(new KernelEvent.TraceRecorded(now, agentId, step));
        return new StoredTrace(id, agentId, now, step);
    }

    /**
     * Stores an error an agent reported to the orchestrator and publishes {@link KernelEvent.ErrorReported}.
     *
     * @throws IllegalArgumentException when the report has no code, or a field is too long
     */
    public StoredError recordError(String agentId, ErrorReport report) {
        requireAgent(agentId);
        if (report.code() == null || report.code().isBlank()) {
            throw new IllegalArgumentException("error report needs a code");
        }
        requireLength("code", report.code(), MAX_ID);
        requireLength("message", report.message(), MAX_ERROR_MESSAGE);
        requireLength("ref_message_id", report.refMessageId(), MAX_ID);
        Instant now = clock.instant();
        long id = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO agent_error (agent_id, code, message,"
                    + " ref_message_id, reported_at) VALUES (?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, agentId);
                ps.setString(2, report.code());
                ps.setString(3, report.message());
                ps.setString(4, report.refMessageId());
                ps.setLong(5, now.toEpochMilli());
                ps.executeUpdate();
                return generatedId(ps);
            }
        });
        events.publish(new KernelEvent.ErrorReported(now, agentId, report.code(), report.message(), report.refMessageId()));
        return new StoredError(id, agentId, now, report);
    }

    /** The steps of one task in the order they arrived (the first {@link #MAX_ROWS}). */
    public List<StoredTrace> forTask(String taskId) {
        return steps("SELECT " + STEP_COLUMNS + " FROM trace_step WHERE task_id = ? ORDER BY id FETCH FIRST ? ROWS ONLY",
                taskId, MAX_ROWS);
    }

    /** The steps of one warrant request in the order they arrived (the first {@link #MAX_ROWS}). */
    public List<StoredTrace> forWarrantRequest(String warrantRequestId) {
        return steps("SELECT " + STEP_COLUMNS + " FROM trace_step WHERE warrant_request_id = ? ORDER BY id FETCH FIRST ? ROWS ONLY",
                warrantRequestId, MAX_ROWS);
    }

    /** An agent's latest steps, newest first. */
    public List<StoredTrace> forAgent(String agentId, int limit) {
        return steps("SELECT " + STEP_COLUMNS + " FROM trace_step WHERE agent_id = ? ORDER BY id DESC FETCH FIRST ? ROWS ONLY",
                agentId, checkLimit(limit));
    }

    /** The latest error reports, newest first. */
    public List<StoredError> errors(int limit) {
        int rows = checkLimit(limit);
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, agent_id, reported_at, code, message, ref_message_id"
                    + " FROM agent_error ORDER BY id DESC FETCH FIRST ? ROWS ONLY")) {
                ps.setInt(1, rows);
                List<StoredError> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new StoredError(rs.getLong(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
                                new ErrorReport(rs.getString(4), rs.getString(5), rs.getString(6))));
                    }
                }
                return out;
            }
        });
    }

    private List<StoredTrace> steps(String sql, String key, int rows) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, key);
                ps.setInt(2, rows);
                List<StoredTrace> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(readStep(rs));
                    }
                }
                return out;
            }
        });
    }

    private StoredTrace readStep(ResultSet rs) throws SQLException {
        double value = rs.getDouble(11);
        // wasNull speaks of the column read last, so ask it before reading any other.
        Double confidence = rs.wasNull() ? null : value;
        TraceStep step = new TraceStep(rs.getString(4), rs.getString(5), TraceKind.fromWire(rs.getString(6)),
                rs.getString(7), parseDetail(rs.getString(8)), rs.getString(9), rs.getString(10), confidence);
        return new StoredTrace(rs.getLong(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)), step);
    }

    private String detailJson(JsonNode detail) {
        if (detail == null || detail.isNull()) {
            return null;
        }
        String text;
        try {
            text = json.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("trace step detail cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
        if (text.length() > MAX_DETAIL_CHARS) {
            throw new IllegalArgumentException("trace step detail is " + text.length() + " characters of JSON; the limit is "
                    + MAX_DETAIL_CHARS);
        }
        return text;
    }

    private JsonNode parseDetail(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new StoreException("a stored trace detail is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static long generatedId(PreparedStatement ps) throws SQLException {
        try (ResultSet keys = ps.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("the database returned no id for the inserted row");
            }
            return keys.getLong(1);
        }
    }

    private static int checkLimit(int limit) {
        if (limit < 1 || limit > MAX_ROWS) {
            throw new IllegalArgumentException("limit must be within [1, " + MAX_ROWS + "]: " + limit);
        }
        return limit;
    }

    private static void requireAgent(String agentId) {
        if (agentId == null || agentId.isEmpty()) {
            throw new IllegalArgumentException("agent_id is required");
        }
        requireLength("agent_id", agentId, MAX_ID);
    }

    private static void requireLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new IllegalArgumentException(field + " is " + value.length() + " characters; the limit is " + max);
        }
    }

    /** UTF-8 length without encoding the string (content may be large). */
    private static int utf8Length(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < 0x80) {
                bytes += 1;
            } else if (ch < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(ch) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
