package org.symbi.app.ui.agents;

import javafx.scene.Node;
import org.symbi.app.ui.RoomContext;
import org.symbi.app.ui.RoomFeature;

/** The agents view. */
public final class AgentsFeature implements RoomFeature {
    @Override
    public String title() {
        return "Agents";
    }

    @Override
    public Node createView(RoomContext context) {
        return new AgentsView(new AgentsViewModel(context), new AgentAccessViewModel(context));
    }
}
