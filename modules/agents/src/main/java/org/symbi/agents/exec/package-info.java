/**
 * Running shell commands for agents: in a working directory, with a timeout that stops the whole process
 * tree, and with output kept within a budget. The test and deployment agents run the commands people
 * configure through this, and keep track of the tasks they are at work on ({@link org.symbi.agents.exec.Assignments}).
 */
package org.symbi.agents.exec;
