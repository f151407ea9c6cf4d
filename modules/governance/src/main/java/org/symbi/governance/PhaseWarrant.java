package org.symbi.governance;

import java.util.List;

/**
 * The warrant issued for a phase, with what the policy says about its kinds.
 *
 * @param warrant               null if every kind of the phase is denied
 * @param kindsNeedingApproval  kinds whose actions will wait for approvals of the exact action
 * @param deniedKinds           kinds the policy denies outright, left out of the warrant
 */
public record PhaseWarrant(Phase phase, Warrant warrant, List<String> kindsNeedingApproval, List<String> deniedKinds) {
}
