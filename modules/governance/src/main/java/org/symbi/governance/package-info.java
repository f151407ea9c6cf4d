/** Governance: agent identity tokens, warrants bound to actions, policies, approvals and votes. */
package org.symbi.governance;
