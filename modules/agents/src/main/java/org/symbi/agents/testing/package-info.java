/**
 * The test/build agent: runs a repository's tests in a worktree with a timeout, reads JUnit XML reports or
 * the summary the runner printed, and sends failures back to a coding agent a bounded number of times
 * before a person is alerted.
 */
package org.symbi.agents.testing;
