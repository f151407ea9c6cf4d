/**
 * The room's built-in agents. Each is an ordinary agent on the Java SDK: it connects to a room with a token,
 * takes tasks by capability, reports reasoning traces and asks for warrants like any other, so it appears on
 * the topology and can run inside the room's process or as a separate one. This module never depends on the
 * kernel: agents reach the room only through the gateway.
 */
package org.symbi.agents;
