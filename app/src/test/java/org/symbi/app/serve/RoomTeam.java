package org.symbi.app.serve;

import org.symbi.agents.BuiltInTeam;

import java.net.URI;
import java.util.Map;

/**
 * The room's own agents started on an open room as {@link Room#open} starts them, with the settings read from
 * the environment given here instead of the process's: a test's language model and its key live there.
 */
public final class RoomTeam {
    private RoomTeam() {
    }

    /** Starts the chosen agents and waits until each has connected or failed. */
    public static BuiltInTeam start(Room room, BuiltInAgents agents, Map<String, String> environment) {
        return agents.start(URI.create(room.gateway().address()), room.dataDir(), room.tokens(), environment);
    }
}
