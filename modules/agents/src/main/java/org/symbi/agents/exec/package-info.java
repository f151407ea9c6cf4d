/**
 * Running shell commands for agents: in a working directory, with a timeout that stops the whole process
 * tree, and with output kept within a budget. The test and deployment agents run the commands people
 * configure through this.
 */
package org.symbi.agents.exec;
