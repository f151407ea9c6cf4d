package org.symbi.governance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The policy file as written (see docs/governance.md). Validation happens while binding so that an error
 * carries the file position of the offending value.
 *
 * @param version                 increases with every edit; the room keeps the last good version
 * @param approvalTimeoutMinutes  how long an approval request stays pending before it escalates or expires
 * @param escalation              where an unanswered request goes once, or null to let it expire
 * @param risks                   action-kind glob to risk level ({@code low}, {@code medium}, {@code high})
 * @param rules                   first match wins
 * @param otherwise               applies when no rule matches
 */
public record PolicyDocument(int version, int approvalTimeoutMinutes, Escalation escalation,
                             Map<String, String> risks, List<Rule> rules, Rule otherwise) {
    public PolicyDocument {
        if (version < 1) {
            throw new IllegalArgumentException("version must be a positive number");
        }
        if (approvalTimeoutMinutes < 1) {
            throw new IllegalArgumentException("approvalTimeoutMinutes must be at least 1");
        }
        if (otherwise == null) {
            throw new IllegalArgumentException("an 'otherwise' rule is required");
        }
        risks = risks == null ? Map.of() : new LinkedHashMap<>(risks);
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** What may happen, if no one answers in time: the request goes to these groups for extra minutes. */
    public record Escalation(List<String> toGroups, int extraMinutes) {
        public Escalation {
            if (toGroups == null || toGroups.isEmpty()) {
                throw new IllegalArgumentException("escalation.toGroups must name at least one group");
            }
            if (extraMinutes < 1) {
                throw new IllegalArgumentException("escalation.extraMinutes must be at least 1");
            }
            toGroups = List.copyOf(toGroups);
        }
    }

    /** Which actions a rule applies to; every listed field must match, an absent field matches anything. */
    public record Match(List<String> kinds, List<String> risk, List<String> repository, List<String> branch,
                        List<String> path, List<String> environment) {
    }

    public enum Require { ALLOW, DENY, APPROVALS }

    /** Which warrants a rule accepts: any matching warrant, or only one issued for a plan's phase. */
    public enum WarrantKind { ANY, PHASE }

    public record Rule(String id, Match match, Require require, int approvals, List<String> of,
                       WarrantKind warrant, String reason) {
        public Rule {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("every rule needs an id");
            }
            if (require == null) {
                throw new IllegalArgumentException("rule '" + id + "' needs 'require': allow, deny or approvals");
            }
            if (require == Require.APPROVALS && approvals < 1) {
                throw new IllegalArgumentException("rule '" + id + "' requires approvals but 'approvals' is not at least 1");
            }
            if (require != Require.APPROVALS && approvals != 0) {
                throw new IllegalArgumentException("rule '" + id + "' counts approvals but does not require them");
            }
            of = of == null ? List.of() : List.copyOf(of);
            warrant = warrant == null ? WarrantKind.ANY : warrant;
        }
    }
}
