package org.symbi.governance;

import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.store.Database;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentTokensTest {
    @TempDir
    Path tmp;

    private final Fixture.ManualClock clock = new Fixture.ManualClock();
    private final Fixture.Trail audit = new Fixture.Trail();
    private Database db;
    private KeyPair key;
    private AgentTokens tokens;

    @BeforeEach
    void setUp() {
        db = Database.inMemory("tokens-" + System.nanoTime());
        key = AgentTokens.issuerKey(tmp.resolve("keys"));
        tokens = new AgentTokens(db, key, "symbi-room", "symbi-kernel", AgentTokens.DEFAULT_LIFETIME, clock, audit);
        tokens.grant("coder-1", Set.of("code.write", "git.push"), Set.of("acme/app"));
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void aGrantedTokenIsAcceptedOnceAndRenewedBeforeExpiry() {
        String token = tokens.issue("coder-1", Set.of("code.write"), Set.of("acme/app"));
        AgentToken t = tokens.present(token);
        assertThat(t.agentId()).isEqualTo("coder-1");
        assertThat(t.capabilities()).containsExactly("code.write");
        assertThat(t.expiresAt()).isEqualTo(clock.instant().plus(AgentTokens.DEFAULT_LIFETIME));

        clock.advance(Duration.ofMinutes(14));
        String renewed = tokens.renew(token);
        clock.advance(Duration.ofMinutes(5));
        assertThat(tokens.present(renewed).agentId()).isEqualTo("coder-1");
        assertThat(audit.actions()).contains("token.issue", "token.present");
    }

    @Test
    void theNegativeCorpusIsRefused() {
        String good = tokens.issue("coder-1", Set.of("code.write"), Set.of("acme/app"));
        String[] parts = good.split("\\.");

        String none = b64("{\"alg\":\"none\",\"typ\":\"agent+jwt\"}") + "." + parts[1] + ".";
        assertThatThrownBy(() -> tokens.present(none)).isInstanceOf(TokenRejectedException.class).hasMessageContaining("algorithm");

        String hsInput = b64("{\"alg\":\"HS256\",\"typ\":\"agent+jwt\"}") + "." + parts[1];
        String confused = hsInput + "." + hmac(key.getPublic().getEncoded(), hsInput);
        assertThatThrownBy(() -> tokens.present(confused)).isInstanceOf(TokenRejectedException.class).hasMessageContaining("algorithm");

        String edHeaderButHmac = parts[0] + "." + parts[1] + "." + hmac(key.getPublic().getEncoded(), parts[0] + "." + parts[1]);
        assertThatThrownBy(() -> tokens.present(edHeaderButHmac)).isInstanceOf(TokenRejectedException.class);

        char[] sig = parts[2].toCharArray();
        sig[5] = sig[5] == 'A' ? 'B' : 'A';
        String tampered = parts[0] + "." + parts[1] + "." + new String(sig);
        assertThatThrownBy(() -> tokens.present(tampered)).isInstanceOf(TokenRejectedException.class);

        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"capabilities\":[\"code.write\"]", "\"capabilities\":[\"code.write\",\"deploy\"]");
        assertThat(payload).contains("deploy");
        String widened = parts[0] + "." + b64(payload) + "." + parts[2];
        assertThatThrownBy(() -> tokens.present(widened)).isInstanceOf(TokenRejectedException.class);

        String beyondGrant = Jwts.builder().header().type(AgentTokens.TYPE).and().issuer("symbi-room")
                .audience().add("symbi-kernel").and().subject("coder-1").claim("agent_id", "coder-1")
                .claim("capabilities", List.of("code.write", "deploy")).claim("repository_access", List.of("acme/app"))
                .issuedAt(Date.from(clock.instant())).expiration(Date.from(clock.instant().plusSeconds(60))).id("j-1")
                .signWith(key.getPrivate(), Jwts.SIG.EdDSA).compact();
        assertThatThrownBy(() -> tokens.present(beyondGrant)).hasMessageContaining("more than was granted");
        assertThatThrownBy(() -> tokens.issue("coder-1", Set.of("deploy"), Set.of())).isInstanceOf(TokenRejectedException.class);

        AgentTokens otherAudience = new AgentTokens(db, key, "symbi-room", "someone-else", AgentTokens.DEFAULT_LIFETIME, clock, audit);
        assertThatThrownBy(() -> otherAudience.present(good)).isInstanceOf(TokenRejectedException.class);

        tokens.present(good);
        assertThatThrownBy(() -> tokens.present(good)).hasMessageContaining("replay");

        String later = tokens.issue("coder-1", Set.of("code.write"), Set.of("acme/app"));
        clock.advance(AgentTokens.DEFAULT_LIFETIME.plusSeconds(1));
        assertThatThrownBy(() -> tokens.present(later)).isInstanceOf(TokenRejectedException.class).hasMessageContaining("expired");
        assertThatThrownBy(() -> tokens.renew(later)).isInstanceOf(TokenRejectedException.class);
    }

    @Test
    void seenTokenIdsSurviveARestartUntilTheTokenExpires() {
        String token = tokens.issue("coder-1", Set.of("code.write"), Set.of("acme/app"));
        tokens.present(token);
        AgentTokens restarted = new AgentTokens(db, AgentTokens.issuerKey(tmp.resolve("keys")), "symbi-room", "symbi-kernel",
                AgentTokens.DEFAULT_LIFETIME, clock, audit);
        assertThatThrownBy(() -> restarted.present(token)).hasMessageContaining("replay");
        assertThat(restarted.forgetExpired()).isZero();
        clock.advance(Duration.ofHours(1));
        assertThat(restarted.forgetExpired()).isEqualTo(1);
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String hmac(byte[] secret, String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
