/**
 * The deployment agent: environments configured as commands with a health check, a record of what is live
 * where, rollback to the previous release on failure, and warrants for gated (production) deploys.
 */
package org.symbi.agents.deploy;
