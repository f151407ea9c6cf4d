package org.symbi.kernel.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.symbi.protocol.TaskOutcome;
import org.symbi.protocol.TaskSpec;
import org.symbi.protocol.TaskStatus;
import org.symbi.store.Database;
import org.symbi.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Tasks, workflows, dependency edges and refused results in the database; every change is written through. */
final class TaskStore {
    private static final String COLUMNS = "seq, spec, status, epoch, assigned_agent, attempts, next_attempt_at, "
            + "assigned_at, created_at, updated_at, result, detail";

    /** A workflow's own row. */
    record WorkflowRow(String workflowId, String title, Instant createdAt) {
    }

    private final Database db;
    private final ObjectMapper json;

    TaskStore(Database db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /** Inserts new tasks (and their workflow, when workflow is not null) in one transaction; sets their seq. */
    void insert(WorkflowRow workflow, List<Task> tasks) {
        db.inTransaction(c -> {
            if (workflow != null) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO workflow (workflow_id, title, created_at) VALUES (?, ?, ?)")) {
                    ps.setString(1, workflow.workflowId());
                    ps.setString(2, workflow.title());
                    ps.setLong(3, workflow.createdAt().toEpochMilli());
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO task (task_id, workflow_id, spec, status, "
                    + "epoch, assigned_agent, attempts, next_attempt_at, assigned_at, created_at, updated_at, result, "
                    + "detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS);
                 PreparedStatement dep = c.prepareStatement(
                         "INSERT INTO task_dependency (task_id, depends_on) VALUES (?, ?)")) {
                for (Task t : tasks) {
                    ps.setString(1, t.id());
                    ps.setString(2, t.spec.workflowId());
                    bindState(ps, 3, t);
                    ps.executeUpdate();
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        keys.next();
                        t.seq = keys.getLong(1);
                    }
                    for (String d : t.spec.dependsOn()) {
                        dep.setString(1, t.id());
                        dep.setString(2, d);
                        dep.addBatch();
                    }
                }
                dep.executeBatch();
            }
            return null;
        });
    }

    void update(Task t) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE task SET spec = ?, status = ?, epoch = ?, "
                    + "assigned_agent = ?, attempts = ?, next_attempt_at = ?, assigned_at = ?, created_at = ?, "
                    + "updated_at = ?, result = ?, detail = ? WHERE task_id = ?")) {
                int i = bindState(ps, 1, t);
                ps.setString(i, t.id());
                return ps.executeUpdate();
            }
        });
    }

    private int bindState(PreparedStatement ps, int i, Task t) throws SQLException {
        ps.setString(i++, write(t.spec));
        ps.setString(i++, t.status.wire());
        ps.setLong(i++, t.epoch);
        ps.setString(i++, t.agent);
        ps.setInt(i++, t.attempts);
        setInstant(ps, i++, t.nextAttemptAt);
        setInstant(ps, i++, t.assignedAt);
        setInstant(ps, i++, t.createdAt);
        setInstant(ps, i++, t.updatedAt);
        ps.setString(i++, t.result == null ? null : write(t.result));
        ps.setString(i++, t.detail);
        return i;
    }

    Optional<Task> load(String taskId) {
        List<Task> found = query("SELECT " + COLUMNS + " FROM task WHERE task_id = ?", List.of(taskId));
        return found.stream().findFirst();
    }

    /** Tasks that are still under way (not in a settled status), in creation order. */
    List<Task> loadUnsettled(Collection<TaskStatus> settled) {
        List<Object> args = new ArrayList<>();
        settled.forEach(s -> args.add(s.wire()));
        String marks = String.join(", ", settled.stream().map(s -> "?").toList());
        return query("SELECT " + COLUMNS + " FROM task WHERE status NOT IN (" + marks + ") ORDER BY seq", args);
    }

    /**
     * Tasks in creation order, optionally of one status and/or one workflow; with {@code updatedSince}, only
     * those changed since then, in the order of their last change.
     */
    List<Task> list(TaskStatus status, String workflowId, Instant updatedSince, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM task WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (status != null) {
            sql.append(" AND status = ?");
            args.add(status.wire());
        }
        if (workflowId != null) {
            sql.append(" AND workflow_id = ?");
            args.add(workflowId);
        }
        if (updatedSince != null) {
            sql.append(" AND updated_at >= ?");
            args.add(updatedSince.toEpochMilli());
        }
        sql.append(updatedSince == null ? " ORDER BY seq LIMIT ?" : " ORDER BY updated_at, seq LIMIT ?");
        args.add(limit);
        return query(sql.toString(), args);
    }

    /** The ids among these that name existing tasks. */
    Set<String> existing(Collection<String> taskIds) {
        Set<String> found = new HashSet<>();
        db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM task WHERE task_id = ?")) {
                for (String id : taskIds) {
                    ps.setString(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            found.add(id);
                        }
                    }
                }
            }
            return null;
        });
        return found;
    }

    /** Ids of the tasks that depend directly on this one. */
    List<String> dependents(String taskId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT task_id FROM task_dependency WHERE depends_on = ? ORDER BY task_id")) {
                ps.setString(1, taskId);
                List<String> ids = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
                return ids;
            }
        });
    }

    Optional<WorkflowRow> workflow(String workflowId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT title, created_at FROM workflow WHERE workflow_id = ?")) {
                ps.setString(1, workflowId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new WorkflowRow(workflowId, rs.getString(1), Instant.ofEpochMilli(rs.getLong(2))))
                            : Optional.<WorkflowRow>empty();
                }
            }
        });
    }

    void refused(RefusedResult r) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO task_refused_result (task_id, agent_id, "
                    + "result_epoch, current_epoch, outcome, reason, refused_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, r.taskId());
                ps.setString(2, r.agentId());
                ps.setLong(3, r.resultEpoch());
                ps.setLong(4, r.currentEpoch());
                ps.setString(5, r.outcome() == null ? null : r.outcome().wire());
                ps.setString(6, r.reason().name());
                ps.setLong(7, r.refusedAt().toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    List<RefusedResult> refusals(String taskId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT agent_id, result_epoch, current_epoch, outcome, "
                    + "reason, refused_at FROM task_refused_result WHERE task_id = ? ORDER BY id")) {
                ps.setString(1, taskId);
                List<RefusedResult> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String outcome = rs.getString(4);
                        out.add(new RefusedResult(taskId, rs.getString(1), rs.getLong(2), rs.getLong(3),
                                outcome == null ? null : TaskOutcome.fromWire(outcome),
                                ResultHandling.valueOf(rs.getString(5)), Instant.ofEpochMilli(rs.getLong(6))));
                    }
                }
                return out;
            }
        });
    }

    private List<Task> query(String sql, List<?> args) {
        return db.read(c -> {
            try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
                List<Task> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(read(rs));
                }
                return out;
            }
        });
    }

    private static PreparedStatement prepare(Connection c, String sql, List<?> args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.size(); i++) {
            ps.setObject(i + 1, args.get(i));
        }
        return ps;
    }

    private Task read(ResultSet rs) throws SQLException {
        TaskSpec spec = parse(rs.getString(2), TaskSpec.class);
        Task t = new Task(spec, TaskStatus.fromWire(rs.getString(3)), Instant.ofEpochMilli(rs.getLong(9)));
        t.seq = rs.getLong(1);
        t.epoch = rs.getLong(4);
        t.agent = rs.getString(5);
        t.attempts = rs.getInt(6);
        t.nextAttemptAt = instant(rs, 7);
        t.assignedAt = instant(rs, 8);
        t.updatedAt = Instant.ofEpochMilli(rs.getLong(10));
        String result = rs.getString(11);
        t.result = result == null ? null : parse(result, JsonNode.class);
        t.detail = rs.getString(12);
        return t;
    }

    private static void setInstant(PreparedStatement ps, int i, Instant v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v.toEpochMilli());
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write task data as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private <T> T parse(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new StoreException("stored task data is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
