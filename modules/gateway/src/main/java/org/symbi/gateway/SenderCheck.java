package org.symbi.gateway;

import org.symbi.governance.AgentToken;
import org.symbi.kernel.bus.SendResult;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.MessageType;
import org.symbi.protocol.ProtocolCodec;

import java.util.HashSet;
import java.util.Set;

/**
 * What the gateway checks before the kernel sees an agent's envelope. The kernel trusts from_agent, so it
 * must be the token's agent. Capabilities matter at registration only: a card may claim only capabilities
 * the token grants ({@code *} grants any). Everything else, warrant_request included, is left to the
 * kernel and governance, which judge by registration, warrants and policy.
 */
final class SenderCheck {
    static final String WILDCARD = "*";

    private SenderCheck() {
    }

    /** A refusal, or null when the kernel may have the envelope. */
    static SendResult refusal(Envelope e, AgentToken token, ProtocolCodec codec) {
        if (!token.agentId().equals(e.fromAgent())) {
            return SendResult.refused(e.messageId(), "spoofed_sender", "from_agent '" + e.fromAgent()
                    + "' is not the agent of this connection's token ('" + token.agentId() + "')");
        }
        if (e.messageType() == MessageType.REGISTER && !token.capabilities().contains(WILDCARD)) {
            Set<String> claimed = new HashSet<>(codec.payloadAs(e, AgentCard.class).capabilities());
            claimed.removeAll(token.capabilities());
            if (!claimed.isEmpty()) {
                return SendResult.refused(e.messageId(), "capability_denied",
                        "the token does not grant the capabilities " + claimed);
            }
        }
        return null;
    }
}
