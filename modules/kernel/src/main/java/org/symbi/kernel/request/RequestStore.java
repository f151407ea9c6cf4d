package org.symbi.kernel.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.symbi.store.Database;
import org.symbi.store.StoreException;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Requests in the database; every change is written through. */
final class RequestStore {
    private static final String COLUMNS = "request_id, text, target, requested_by, status, draft, report, detail, "
            + "created_at, updated_at";

    private final Database db;
    private final ObjectMapper json;

    RequestStore(Database db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    void insert(RequestView r) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO request (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, r.requestId());
                ps.setString(2, r.text());
                ps.setString(3, write(r.target()));
                ps.setString(4, r.requestedBy());
                bindChanging(ps, 5, r);
                ps.setLong(9, r.createdAt().toEpochMilli());
                ps.setLong(10, r.updatedAt().toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    void update(RequestView r) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE request SET status = ?, draft = ?, report = ?, "
                    + "detail = ?, updated_at = ? WHERE request_id = ?")) {
                bindChanging(ps, 1, r);
                ps.setLong(5, r.updatedAt().toEpochMilli());
                ps.setString(6, r.requestId());
                return ps.executeUpdate();
            }
        });
    }

    private void bindChanging(PreparedStatement ps, int first, RequestView r) throws SQLException {
        ps.setString(first, r.status().wire());
        ps.setString(first + 1, r.draft() == null ? null : write(r.draft()));
        ps.setString(first + 2, r.report() == null ? null : write(r.report()));
        ps.setString(first + 3, r.detail());
    }

    Optional<RequestView> find(String requestId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM request WHERE request_id = ?")) {
                ps.setString(1, requestId);
                List<RequestView> found = rows(ps);
                return found.stream().findFirst();
            }
        });
    }

    /** The newest requests first; open ones are always included. */
    List<RequestView> list(int limit) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM request ORDER BY created_at "
                    + "DESC, request_id DESC LIMIT ?")) {
                ps.setInt(1, limit);
                return rows(ps);
            }
        });
    }

    /** Requests that may still move on: all but completed and discarded ones. */
    List<RequestView> unsettled() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM request WHERE status IN "
                    + "('planning', 'awaiting_confirmation', 'running', 'failed') ORDER BY created_at")) {
                return rows(ps);
            }
        });
    }

    private List<RequestView> rows(PreparedStatement ps) throws SQLException {
        List<RequestView> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new RequestView(rs.getString(1), rs.getString(2), read(rs.getString(3), RequestTarget.class),
                        rs.getString(4), RequestStatus.fromWire(rs.getString(5)),
                        rs.getString(6) == null ? null : read(rs.getString(6), WorkflowDraft.class),
                        rs.getString(7) == null ? null : read(rs.getString(7), JsonNode.class), rs.getString(8),
                        Instant.ofEpochMilli(rs.getLong(9)), Instant.ofEpochMilli(rs.getLong(10))));
            }
        }
        return out;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot write a request as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new StoreException("a stored request cannot be read: " + e.getOriginalMessage(), e);
        }
    }
}
