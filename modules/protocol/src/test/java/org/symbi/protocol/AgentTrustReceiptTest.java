package org.symbi.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class AgentTrustReceiptTest {
    private static boolean verifies(String agentId, AgentTrustReceipt r) {
        return Ed25519.verify(Ed25519.fromRaw(Base64.getDecoder().decode(r.publicKey())),
                AgentTrustReceipt.signedMessage("agent:" + agentId, r.action(), r.subject(), r.outcome(), r.payload()),
                Base64.getDecoder().decode(r.signature()));
    }

    @Test
    void aSignedStatementVerifiesForItsAgentAndContentOnly() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        AgentTrustReceipt r = AgentTrustReceipt.sign("coder-1", keys, "task.completed", "t-1", "success",
                JsonNodeFactory.instance.objectNode().put("result_sha256", "ab"));

        assertThat(verifies("coder-1", r)).isTrue();
        assertThat(verifies("coder-2", r)).isFalse();
        AgentTrustReceipt otherOutcome = new AgentTrustReceipt(r.action(), r.subject(), "failure", r.payload(),
                r.publicKey(), r.signature());
        assertThat(verifies("coder-1", otherOutcome)).isFalse();
    }

    @Test
    void theSignatureIsOverTheCanonicalFormSoKeyOrderDoesNotMatter() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        ObjectMapper json = new ObjectMapper();
        AgentTrustReceipt r = AgentTrustReceipt.sign("a", keys, "llm.response", "", "success",
                json.readTree("{\"b\":1,\"a\":[1.0,\"x\"]}"));
        AgentTrustReceipt reordered = new AgentTrustReceipt(r.action(), r.subject(), r.outcome(),
                json.readTree("{\"a\":[1.0,\"x\"],\"b\":1}"), r.publicKey(), r.signature());

        assertThat(verifies("a", reordered)).isTrue();
    }

    @Test
    void aMissingPayloadIsSignedAsTheEmptyObjectTheSchemaDefaultsTo() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        AgentTrustReceipt r = AgentTrustReceipt.sign("a", keys, "git.push", "main", "executed", null);

        assertThat(r.payload()).isEqualTo(JsonNodeFactory.instance.objectNode());
        assertThat(verifies("a", new AgentTrustReceipt(r.action(), r.subject(), r.outcome(), null, r.publicKey(),
                r.signature()))).isTrue();
    }
}
