package org.symbi.app.ui.tasks;

import javafx.scene.Node;
import org.symbi.app.ui.RoomContext;
import org.symbi.app.ui.RoomFeature;

/** Workflows as graphs of their tasks, coloured by status, with cancel and retry. */
public final class TasksFeature implements RoomFeature {
    @Override
    public String title() {
        return "Tasks";
    }

    @Override
    public Node createView(RoomContext context) {
        return new TasksView(new TasksViewModel(context.feed(), context.kernel().tasks(), context.selection()));
    }
}
