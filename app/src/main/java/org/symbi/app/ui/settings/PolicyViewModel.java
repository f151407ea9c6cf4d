package org.symbi.app.ui.settings;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.symbi.app.ui.RoomContext;
import org.symbi.app.ui.kit.Command;
import org.symbi.governance.PolicyException;
import org.symbi.governance.PolicyStore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The user's copy of the governance policy ({@code policies/policy.json} in the data directory) as text.
 * Save checks the text with the governance policy parser first and writes nothing when it is refused; the
 * room loads the saved policy when it next starts.
 */
public final class PolicyViewModel {
    /** The folder the kernel opens its {@link PolicyStore} on. */
    static final String POLICY_FOLDER = "policies";

    private final RoomContext context;
    private final Path file;
    private final StringProperty text = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper edited = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper info = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final Command save;
    private final Command resetToDefaults;
    private String savedText = "";

    public PolicyViewModel(RoomContext context) {
        this.context = context;
        this.file = context.room().dataDir().resolve(POLICY_FOLDER).resolve(PolicyStore.FILE_NAME);
        text.addListener((obs, was, now) -> edited.set(!now.equals(savedText)));
        save = Command.of(this::save);
        resetToDefaults = Command.of(this::resetToDefaults);
    }

    /** Reads the policy file. */
    public void load() {
        context.feed().submit(() -> Files.readString(file, StandardCharsets.UTF_8), read -> {
            savedText = read;
            text.set(read);
            edited.set(false);
            error.set("");
        }, t -> error.set("Cannot read " + file + ": " + t.getMessage()));
    }

    private void save() {
        String candidate = text.get();
        context.feed().submit(() -> write(candidate), written -> {
            savedText = written;
            edited.set(!text.get().equals(savedText));
            error.set("");
            info.set("Saved to " + file + ". The room applies it when it next starts.");
        }, t -> {
            info.set("");
            error.set(t instanceof PolicyException ? "Not saved: " + t.getMessage()
                    : "Could not save the policy: " + t.getMessage());
        });
    }

    /**
     * Checks the text with the policy parser on a temporary file beside the policy, then moves it over the
     * policy; a refused text leaves the policy file as it was.
     */
    private String write(String candidate) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), PolicyStore.FILE_NAME, ".tmp");
        try {
            Files.writeString(temp, candidate, StandardCharsets.UTF_8);
            try {
                PolicyStore.parse(temp);
            } catch (PolicyException e) {
                // Name the policy, not the temporary file it was checked in.
                throw new PolicyException(e.getMessage().replace(temp.toString(), PolicyStore.FILE_NAME), e);
            }
            RoomSettings.moveIntoPlace(temp, file);
            return candidate;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Puts the shipped default policy in the editor; nothing is written until it is saved. */
    private void resetToDefaults() {
        context.feed().submit(PolicyViewModel::shippedDefault, def -> {
            text.set(def);
            error.set("");
            info.set("The shipped default policy is in the editor; Save to use it.");
        }, t -> error.set("Cannot read the shipped default policy: " + t.getMessage()));
    }

    private static String shippedDefault() throws IOException {
        try (InputStream in = PolicyStore.class.getResourceAsStream(PolicyStore.DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IOException(PolicyStore.DEFAULT_RESOURCE + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    public String file() {
        return file.toString();
    }

    public StringProperty textProperty() {
        return text;
    }

    /** Whether the editor holds text that is not saved. */
    public ReadOnlyBooleanProperty editedProperty() {
        return edited.getReadOnlyProperty();
    }

    public Command saveCommand() {
        return save;
    }

    public Command resetToDefaultsCommand() {
        return resetToDefaults;
    }

    public ReadOnlyStringProperty infoProperty() {
        return info.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
