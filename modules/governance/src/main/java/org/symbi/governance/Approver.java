package org.symbi.governance;

import java.security.PublicKey;
import java.util.Set;

/** A person (or other identity) who approves or denies, with its own Ed25519 key. */
public record Approver(String id, String name, Set<String> groups, PublicKey publicKey) {
    public Approver {
        groups = Set.copyOf(groups);
    }
}
