/**
 * The documentation agent: the changelog's Unreleased section from the commits since the last tag, and a
 * README section replaced, committed as the agent with JGit.
 */
package org.symbi.agents.docs;
