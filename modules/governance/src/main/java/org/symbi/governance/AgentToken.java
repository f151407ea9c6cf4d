package org.symbi.governance;

import java.time.Instant;
import java.util.Set;

/** A verified agent token's claims (seed 000: agent_id, capabilities, repository_access, expires_at). */
public record AgentToken(String agentId, Set<String> capabilities, Set<String> repositoryAccess,
                         Instant issuedAt, Instant expiresAt, String jti) {
}
