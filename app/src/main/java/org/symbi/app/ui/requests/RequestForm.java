package org.symbi.app.ui.requests;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.symbi.app.ui.kit.Command;
import org.symbi.app.ui.kit.RoomFeed;
import org.symbi.app.ui.settings.RoomSettings;
import org.symbi.kernel.request.RequestTarget;
import org.symbi.kernel.request.RequestView;
import org.symbi.kernel.request.Requests;
import org.symbi.store.DataDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The request bar's state: what the team should do, the git working tree it is about (the last one used is
 * offered again, from the room's settings), an optional test command, and the Plan command that submits
 * them in the background. What is wrong with the input (no text, no git working tree, a detached HEAD) is
 * said under the bar as the kernel words it; nothing typed is lost. No nodes; tested without JavaFX.
 */
public final class RequestForm {
    static final String NO_REPOSITORY = "Choose the git working tree the request is about.";

    private final RoomFeed feed;
    private final Requests requests;
    private final DataDir dataDir;
    private final String person;
    private final Consumer<RequestView> onSubmitted;

    private final StringProperty text = new SimpleStringProperty("");
    private final StringProperty repository = new SimpleStringProperty("");
    private final StringProperty testCommand = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper info = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper submitting = new ReadOnlyBooleanWrapper();
    private final Command plan;

    /** A request the kernel took, and what became of keeping its working tree, when that needs saying. */
    private record Submitted(RequestView request, String note) {
    }

    /**
     * @param person      who makes the requests: the room's own approver
     * @param onSubmitted hears each request the kernel took, on the FX thread
     */
    RequestForm(RoomFeed feed, Requests requests, DataDir dataDir, String person, Consumer<RequestView> onSubmitted) {
        this.feed = feed;
        this.requests = requests;
        this.dataDir = dataDir;
        this.person = person;
        this.onSubmitted = onSubmitted;
        plan = Command.of(this::plan, submitting.not());
        feed.submit(() -> Optional.ofNullable(RoomSettings.load(dataDir).settings().lastRepository()), last -> {
            if (last.isPresent() && repository.get().isBlank()) {
                repository.set(last.get());
            }
        }, failure -> { });
    }

    private void plan() {
        String request = text.get();
        String worktree = repository.get() == null ? "" : repository.get().strip();
        String test = testCommand.get();
        problem.set("");
        info.set("");
        if (worktree.isEmpty()) {
            problem.set(NO_REPOSITORY);
            return;
        }
        submitting.set(true);
        feed.submit(() -> submit(request, worktree, test), submitted -> {
            submitting.set(false);
            if (Objects.equals(text.get(), request)) {
                text.set("");
            }
            RequestRow row = RequestRow.of(submitted.request(), submitted.request().createdAt());
            info.set("Planning “" + row.firstLine() + "”"
                    + (submitted.note() == null ? "" : "; " + submitted.note()));
            onSubmitted.accept(submitted.request());
        }, failure -> {
            submitting.set(false);
            problem.set("Not planned: " + RequestsViewModel.reason(failure));
        });
    }

    private Submitted submit(String request, String worktree, String test) {
        RequestView r = requests.submit(request, RequestTarget.of(Path.of(worktree), test), person);
        return new Submitted(r, remember(r.target().worktree().toString()));
    }

    /** Keeps the working tree for the next request; says why when it could not. */
    private String remember(String worktree) {
        try {
            if (!worktree.equals(RoomSettings.load(dataDir).settings().lastRepository())) {
                return RoomSettings.update(dataDir, s -> s.withLastRepository(worktree)).problem().orElse(null);
            }
            return null;
        } catch (IOException e) {
            return "the working tree could not be kept for next time: " + e.getMessage();
        }
    }

    /** What the team should do, as typed. */
    public StringProperty textProperty() {
        return text;
    }

    /** The git working tree's directory, as typed or chosen. */
    public StringProperty repositoryProperty() {
        return repository;
    }

    /** The test command for this request; empty for the one configured for the repository. */
    public StringProperty testCommandProperty() {
        return testCommand;
    }

    /** Why the last request was not taken, said plainly; empty otherwise. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** That the last request is being planned. */
    public ReadOnlyStringProperty infoProperty() {
        return info.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty submittingProperty() {
        return submitting.getReadOnlyProperty();
    }

    /** Submits the typed request to be planned (the Plan button, Ctrl+Enter). */
    public Command planCommand() {
        return plan;
    }
}
