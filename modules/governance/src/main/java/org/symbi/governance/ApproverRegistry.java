package org.symbi.governance;

import org.symbi.store.Database;
import org.symbi.store.KeyFiles;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Registered approvers and their public keys; the room's local approver also has its private key here. */
public final class ApproverRegistry {
    private final Database db;
    private final AuditTrail audit;
    private final Map<String, Approver> approvers = new ConcurrentHashMap<>();
    private final Map<String, PrivateKey> localKeys = new ConcurrentHashMap<>();

    public ApproverRegistry(Database db, AuditTrail audit) {
        this.db = db;
        this.audit = audit;
        db.read(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT id, name, groups_json, public_key FROM gov_approver");
                 ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    approvers.put(rs.getString(1), new Approver(rs.getString(1), rs.getString(2),
                            Json.readSet(rs.getString(3)), KeyFiles.decodePublic(rs.getString(4))));
                }
            }
            return null;
        });
    }

    /** Registers (or updates) an approver with its public key. */
    public Approver register(String id, String name, Set<String> groups, java.security.PublicKey publicKey) {
        Approver a = new Approver(id, name, groups, publicKey);
        db.inTransaction(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM gov_approver WHERE id = ?");
                 PreparedStatement ins = c.prepareStatement("INSERT INTO gov_approver VALUES (?, ?, ?, ?)")) {
                del.setString(1, id);
                del.executeUpdate();
                ins.setString(1, id);
                ins.setString(2, name);
                ins.setString(3, Json.write(groups));
                ins.setString(4, KeyFiles.encodePublic(publicKey));
                return ins.executeUpdate();
            }
        });
        approvers.put(id, a);
        audit.record("room", "approver.register", id, "registered",
                Json.object().put("name", name).put("groups", String.join(",", groups))
                        .put("public_key", KeyFiles.encodePublic(publicKey)));
        return a;
    }

    /**
     * Registers the person at this room's screen, with a key pair kept in the data directory's key folder
     * ({@code approver-ID.key}), so that the room can sign their decisions for them.
     */
    public Approver registerLocal(Path keysDir, String id, String name, Set<String> groups) {
        KeyPair pair = KeyFiles.loadOrCreate(keysDir, "approver-" + id);
        localKeys.put(id, pair.getPrivate());
        return register(id, name, groups, pair.getPublic());
    }

    public Optional<Approver> get(String id) {
        return Optional.ofNullable(approvers.get(id));
    }

    Optional<PrivateKey> localKey(String id) {
        return Optional.ofNullable(localKeys.get(id));
    }

    public List<Approver> all() {
        return List.copyOf(approvers.values());
    }

    /** Approvers in any of the groups. */
    public List<Approver> inGroups(Set<String> groups) {
        return approvers.values().stream().filter(a -> a.groups().stream().anyMatch(groups::contains)).toList();
    }
}
