package org.symbi.governance;

import java.util.List;

/**
 * What the policy demands for one action.
 *
 * @param groups approvers must belong to one of these groups; empty means any registered approver
 */
public record Requirement(String ruleId, PolicyDocument.Require require, int approvals, List<String> groups,
                          PolicyDocument.WarrantKind warrant, String reason) {
}
