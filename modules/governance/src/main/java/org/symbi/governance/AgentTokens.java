package org.symbi.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.Jwts;
import org.symbi.store.Database;
import org.symbi.store.KeyFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Agent identity tokens: JWS compact tokens signed with the room's Ed25519 issuer key, verified following
 * RFC 8725: the algorithm is pinned to EdDSA and checked before any cryptography, {@code typ} is explicit,
 * issuer, audience and expiry are required, and each {@code jti} is accepted once ({@link #present}).
 * A token may not claim more than the issuer granted to its agent id.
 */
public final class AgentTokens {
    public static final String TYPE = "agent+jwt";
    public static final String ALGORITHM = "EdDSA";
    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(15);
    public static final String KEY_NAME = "token-issuer";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;
    private final KeyPair key;
    private final String issuer;
    private final String audience;
    private final Duration lifetime;
    private final InstantSource clock;
    private final AuditTrail audit;
    private final JwtParser parser;

    public AgentTokens(Database db, KeyPair issuerKey, String issuer, String audience, Duration lifetime,
                       InstantSource clock, AuditTrail audit) {
        this.db = db;
        this.key = issuerKey;
        this.issuer = issuer;
        this.audience = audience;
        this.lifetime = lifetime;
        this.clock = clock;
        this.audit = audit;
        this.parser = Jwts.parser()
                .verifyWith(issuerKey.getPublic())
                .requireIssuer(issuer)
                .requireAudience(audience)
                .clock(() -> Date.from(clock.instant()))
                .build();
    }

    /** The issuer key pair kept in the data directory's {@code keys} folder. */
    public static KeyPair issuerKey(Path keysDir) {
        return KeyFiles.loadOrCreate(keysDir, KEY_NAME);
    }

    /** Sets what tokens for an agent id may claim at most. */
    public void grant(String agentId, Set<String> capabilities, Set<String> repositoryAccess) {
        db.inTransaction(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM gov_agent_grant WHERE agent_id = ?");
                 PreparedStatement ins = c.prepareStatement("INSERT INTO gov_agent_grant VALUES (?, ?, ?)")) {
                del.setString(1, agentId);
                del.executeUpdate();
                ins.setString(1, agentId);
                ins.setString(2, Json.write(capabilities));
                ins.setString(3, Json.write(repositoryAccess));
                ins.executeUpdate();
            }
            return null;
        });
        ObjectNode payload = Json.object();
        payload.set("capabilities", JSON.valueToTree(capabilities));
        payload.set("repository_access", JSON.valueToTree(repositoryAccess));
        audit.record(issuer, "agent.grant", agentId, "granted", payload);
    }

    /** Issues a token with the default lifetime; refused if it claims more than the agent's grant. */
    public String issue(String agentId, Set<String> capabilities, Set<String> repositoryAccess) {
        checkGrant(agentId, capabilities, repositoryAccess);
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime);
        String jti = UUID.randomUUID().toString();
        String token = Jwts.builder()
                .header().type(TYPE).and()
                .issuer(issuer)
                .audience().add(audience).and()
                .subject(agentId)
                .claim("agent_id", agentId)
                .claim("capabilities", List.copyOf(capabilities))
                .claim("repository_access", List.copyOf(repositoryAccess))
                .issuedAt(Date.from(now))
                .expiration(Date.from(expires))
                .id(jti)
                .signWith(key.getPrivate(), Jwts.SIG.EdDSA)
                .compact();
        audit.record(issuer, "token.issue", agentId, "issued",
                JSON.createObjectNode().put("jti", jti).put("expires_at", expires.toString()));
        return token;
    }

    /** Verifies signature, claims and grant, without consuming the token's id. */
    public AgentToken verify(String token) {
        checkHeader(token);
        Jws<Claims> jws;
        try {
            jws = parser.parseSignedClaims(token);
        } catch (JwtException | IllegalArgumentException e) {
            throw new TokenRejectedException("token refused: " + e.getMessage(), e);
        }
        Claims claims = jws.getPayload();
        if (claims.getExpiration() == null || claims.getId() == null || claims.getIssuedAt() == null) {
            throw new TokenRejectedException("token refused: exp, iat and jti are required");
        }
        String agentId = claims.get("agent_id", String.class);
        if (agentId == null || !agentId.equals(claims.getSubject())) {
            throw new TokenRejectedException("token refused: agent_id and sub must name the same agent");
        }
        Set<String> caps = strings(claims.get("capabilities"));
        Set<String> repos = strings(claims.get("repository_access"));
        checkGrant(agentId, caps, repos);
        return new AgentToken(agentId, caps, repos, claims.getIssuedAt().toInstant(),
                claims.getExpiration().toInstant(), claims.getId());
    }

    /** Verifies a token presented at connect and consumes its id: a second presentation is a replay. */
    public AgentToken present(String token) {
        AgentToken t;
        try {
            t = verify(token);
        } catch (TokenRejectedException e) {
            audit.record("unknown", "token.present", "token", "refused", JSON.createObjectNode().put("reason", e.getMessage()));
            throw e;
        }
        boolean fresh = db.inTransaction(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM gov_seen_jti WHERE jti = ?")) {
                q.setString(1, t.jti());
                try (ResultSet rs = q.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO gov_seen_jti VALUES (?, ?, ?)")) {
                ins.setString(1, t.jti());
                ins.setString(2, t.agentId());
                ins.setLong(3, t.expiresAt().toEpochMilli());
                ins.executeUpdate();
            }
            return true;
        });
        if (!fresh) {
            audit.record(t.agentId(), "token.present", t.jti(), "refused", JSON.createObjectNode().put("reason", "replayed jti"));
            throw new TokenRejectedException("token refused: its jti was already presented (replay)");
        }
        audit.record(t.agentId(), "token.present", t.jti(), "accepted", null);
        return t;
    }

    /** Issues a fresh token with the same claims for a token that has not yet expired. */
    public String renew(String token) {
        AgentToken t = verify(token);
        return issue(t.agentId(), t.capabilities(), t.repositoryAccess());
    }

    /** Forgets presented ids of tokens that have expired: they are refused for their expiry anyway. */
    public int forgetExpired() {
        long now = clock.millis();
        return db.inTransaction(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM gov_seen_jti WHERE expires_at < ?")) {
                del.setLong(1, now);
                return del.executeUpdate();
            }
        });
    }

    private void checkHeader(String token) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot <= 0) {
            throw new TokenRejectedException("token refused: not a JWS compact token");
        }
        JsonNode header;
        try {
            header = JSON.readTree(Base64.getUrlDecoder().decode(token.substring(0, dot)));
        } catch (IOException | IllegalArgumentException e) {
            throw new TokenRejectedException("token refused: unreadable header", e);
        }
        if (header == null || !ALGORITHM.equals(header.path("alg").asText())) {
            throw new TokenRejectedException("token refused: algorithm must be " + ALGORITHM);
        }
        if (!TYPE.equals(header.path("typ").asText())) {
            throw new TokenRejectedException("token refused: typ must be " + TYPE);
        }
    }

    private void checkGrant(String agentId, Set<String> capabilities, Set<String> repositoryAccess) {
        Set<String>[] granted = db.read(c -> {
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT capabilities, repository_access FROM gov_agent_grant WHERE agent_id = ?")) {
                q.setString(1, agentId);
                try (ResultSet rs = q.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    @SuppressWarnings("unchecked")
                    Set<String>[] pair = new Set[]{Json.readSet(rs.getString(1)), Json.readSet(rs.getString(2))};
                    return pair;
                }
            }
        });
        if (granted == null) {
            throw new TokenRejectedException("token refused: nothing was granted to agent " + agentId);
        }
        if (!granted[0].containsAll(capabilities) || !granted[1].containsAll(repositoryAccess)) {
            throw new TokenRejectedException("token refused: it claims more than was granted to agent " + agentId);
        }
    }

    private static Set<String> strings(Object claim) {
        if (!(claim instanceof Collection<?> values)) {
            throw new TokenRejectedException("token refused: capabilities and repository_access must be arrays");
        }
        Set<String> out = new LinkedHashSet<>();
        for (Object v : values) {
            out.add(String.valueOf(v));
        }
        return out;
    }
}
