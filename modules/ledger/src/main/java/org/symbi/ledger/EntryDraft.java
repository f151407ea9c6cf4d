package org.symbi.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import java.security.KeyPair;
import java.util.regex.Pattern;

/**
 * What a caller asks the ledger to record. The ledger adds the sequence number, the time and the context hash.
 * <p>
 * Outcomes are recorded as entries of their own: a request, its approval or denial, its execution and its
 * result are separate entries with the same action and subject (refer to the earlier entry's {@code seq} in
 * the payload), so the ledger shows what happened, not only what was attempted.
 *
 * @param actor            who acts: {@code agent:<id>}, {@code person:<name>} or {@code system:<component>}
 * @param action           what is done, e.g. {@code tool.exec}
 * @param subject          what it is done to (may be empty)
 * @param outcome          {@link #REQUESTED}, {@link #APPROVED}, {@link #DENIED}, {@link #EXECUTED}, {@link #RESULT}
 *                         or another short word
 * @param payload          any JSON; null is recorded as JSON {@code null}
 * @param countersignature the acting agent's own signature over this draft, or null
 */
public record EntryDraft(String actor, String action, String subject, String outcome, JsonNode payload,
                         Countersignature countersignature) {
    public static final String REQUESTED = "requested";
    public static final String APPROVED = "approved";
    public static final String DENIED = "denied";
    public static final String EXECUTED = "executed";
    public static final String RESULT = "result";

    /** Longest actor, action, subject or outcome, in characters. */
    public static final int MAX_FIELD = 1000;
    private static final Pattern ACTOR = Pattern.compile("(agent|person|system):\\S.*", Pattern.DOTALL);

    public EntryDraft {
        payload = payload == null ? NullNode.getInstance() : payload;
        require("actor", actor);
        require("action", action);
        require("outcome", outcome);
        if (subject == null || subject.length() > MAX_FIELD) {
            throw new IllegalArgumentException("subject must be given (possibly empty) and at most " + MAX_FIELD + " characters");
        }
        if (!ACTOR.matcher(actor).matches()) {
            throw new IllegalArgumentException("actor must be agent:<id>, person:<name> or system:<component>, not " + actor);
        }
    }

    public static EntryDraft of(String actor, String action, String subject, String outcome, JsonNode payload) {
        return new EntryDraft(actor, action, subject, outcome, payload, null);
    }

    /** The actor string of an agent. */
    public static String agent(String id) {
        return "agent:" + id;
    }

    /** The actor string of a person. */
    public static String person(String name) {
        return "person:" + name;
    }

    /** This draft, countersigned by the agent it names as actor. */
    public EntryDraft countersignedBy(String agentId, KeyPair agentKeys) {
        return new EntryDraft(actor, action, subject, outcome, payload,
                Countersignature.sign(agentId, agentKeys, actor, action, subject, outcome, payload));
    }

    private static void require(String name, String value) {
        if (value == null || value.isBlank() || value.length() > MAX_FIELD) {
            throw new IllegalArgumentException(name + " must be non-blank and at most " + MAX_FIELD + " characters");
        }
    }
}
