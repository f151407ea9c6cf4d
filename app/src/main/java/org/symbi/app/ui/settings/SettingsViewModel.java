package org.symbi.app.ui.settings;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.symbi.app.ui.RoomContext;
import org.symbi.app.ui.kit.Command;
import org.symbi.app.ui.kit.Theme;
import org.symbi.governance.Approver;
import org.symbi.store.DataDir;
import org.symbi.store.KeyFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The room's settings: where its data lives, where the gateway will listen, the theme, who approves, and
 * which language models the planner may call. Changes are saved to {@code settings.json} in the background;
 * what failed is said in {@link #errorProperty()} and the form keeps what was typed.
 */
public final class SettingsViewModel {
    private final RoomContext context;
    private final DataDir dataDir;
    private final Consumer<Theme> useTheme;
    private final ReadOnlyObjectWrapper<Theme> theme = new ReadOnlyObjectWrapper<>();
    private final StringProperty gatewayHost = new SimpleStringProperty("");
    private final StringProperty gatewayPort = new SimpleStringProperty("");
    private final StringProperty gatewayKeystore = new SimpleStringProperty("");
    private final ObservableList<LlmProvider> providers = FXCollections.observableArrayList();
    private final ObjectProperty<LlmProvider.Kind> providerKind = new SimpleObjectProperty<>(LlmProvider.Kind.OPENAI);
    private final StringProperty providerModel = new SimpleStringProperty("");
    private final StringProperty providerBaseUrl = new SimpleStringProperty("");
    private final StringProperty providerKeyEnv = new SimpleStringProperty("");
    private final ObservableList<ApproverRow> approvers = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper localApproverId = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper localApproverKey = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper info = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final Command saveGateway;
    private final Command addProvider;

    /**
     * @param shellTheme the window's current theme, which this follows
     * @param useTheme   switches the window's theme (the shell applies it at once and remembers it)
     */
    public SettingsViewModel(RoomContext context, ObservableValue<Theme> shellTheme, Consumer<Theme> useTheme) {
        this.context = context;
        this.dataDir = context.room().dataDir();
        this.useTheme = useTheme;
        theme.bind(shellTheme);
        saveGateway = Command.of(this::saveGateway);
        addProvider = Command.of(this::addProvider, Bindings.createBooleanBinding(
                () -> !providerModel.get().isBlank(), providerModel));
    }

    /** Reads the saved settings and the registered approvers. */
    public void load() {
        context.feed().submit(this::read, this::apply, this::failed);
    }

    private record Snapshot(RoomSettings.Loaded settings, Approver localApprover, List<ApproverRow> approvers) {
    }

    private Snapshot read() {
        return new Snapshot(RoomSettings.load(dataDir), context.kernel().localApprover(),
                ApproverRow.readAll(context.kernel()));
    }

    private void apply(Snapshot s) {
        RoomSettings settings = s.settings().settings();
        gatewayHost.set(settings.gatewayHost());
        gatewayPort.set(Integer.toString(settings.gatewayPort()));
        gatewayKeystore.set(settings.gatewayKeystore() == null ? "" : settings.gatewayKeystore());
        providers.setAll(settings.llmProviders());
        localApproverId.set(s.localApprover().id());
        localApproverKey.set(KeyFiles.encodePublic(s.localApprover().publicKey()));
        approvers.setAll(s.approvers());
        error.set(s.settings().problem().orElse(""));
    }

    /** Switches the theme now; the window applies it and keeps it for the next start. */
    public void useTheme(Theme newTheme) {
        if (newTheme != null && newTheme != theme.get()) {
            useTheme.accept(newTheme);
        }
    }

    private void saveGateway() {
        String host = gatewayHost.get().strip();
        int port;
        try {
            port = Integer.parseInt(gatewayPort.get().strip());
        } catch (NumberFormatException e) {
            error.set("The gateway port must be a number from 1 to 65535, not '" + gatewayPort.get() + "'");
            return;
        }
        RoomSettings check;
        try {
            check = RoomSettings.defaults().withGateway(host, port, gatewayKeystore.get());
        } catch (IllegalArgumentException e) {
            error.set("Not saved: " + e.getMessage());
            return;
        }
        String keystore = check.gatewayKeystore();
        if (keystore != null && !Files.isRegularFile(Path.of(keystore))) {
            error.set("Not saved: there is no keystore file at " + keystore);
            return;
        }
        save(s -> s.withGateway(check.gatewayHost(), check.gatewayPort(), keystore),
                "Saved. From the next start the gateway listens on " + host + ":" + port
                        + (keystore == null ? "" : " with TLS (wss://, https://), the keystore's password read from "
                        + "the SYMBI_KEYSTORE_PASSWORD environment variable")
                        + " (--host and --port on the command line still win).", () -> { });
    }

    private void addProvider() {
        LlmProvider p;
        try {
            p = new LlmProvider(providerKind.get(), providerModel.get(), providerBaseUrl.get(), providerKeyEnv.get());
        } catch (IllegalArgumentException e) {
            error.set("Not added: " + e.getMessage());
            return;
        }
        save(s -> s.withLlmProviders(append(s.llmProviders(), p)), "Added " + p.kind().label() + " " + p.model()
                        + ". The room's agents use the first model listed from the next start.",
                () -> {
                    providerModel.set("");
                    providerBaseUrl.set("");
                    providerKeyEnv.set("");
                });
    }

    /** Removes a provider from the saved list. */
    public void removeProvider(LlmProvider p) {
        if (p == null) {
            return;
        }
        save(s -> s.withLlmProviders(s.llmProviders().stream().filter(x -> !x.equals(p)).toList()),
                "Removed " + p.kind().label() + " " + p.model() + ".", () -> { });
    }

    private static List<LlmProvider> append(List<LlmProvider> list, LlmProvider p) {
        List<LlmProvider> out = new ArrayList<>(list);
        if (!out.contains(p)) {
            out.add(p);
        }
        return out;
    }

    private void save(UnaryOperator<RoomSettings> change, String done, Runnable onSaved) {
        Callable<RoomSettings.Loaded> work = () -> RoomSettings.update(dataDir, change);
        context.feed().submit(work, saved -> {
            providers.setAll(saved.settings().llmProviders());
            onSaved.run();
            error.set("");
            info.set(done + saved.problem().map(note -> " Note: " + note + ".").orElse(""));
        }, this::failed);
    }

    private void failed(Throwable t) {
        info.set("");
        error.set("Could not save the settings: " + (t.getMessage() == null ? t.toString() : t.getMessage()));
    }

    public String dataDir() {
        return dataDir.root().toString();
    }

    /** Where the gateway listens now. */
    public String runningGateway() {
        return context.room().gateway().address();
    }

    public ReadOnlyObjectProperty<Theme> themeProperty() {
        return theme.getReadOnlyProperty();
    }

    public StringProperty gatewayHostProperty() {
        return gatewayHost;
    }

    public StringProperty gatewayPortProperty() {
        return gatewayPort;
    }

    /** The path of the keystore the gateway serves TLS with; empty for plain {@code ws://}. */
    public StringProperty gatewayKeystoreProperty() {
        return gatewayKeystore;
    }

    public Command saveGatewayCommand() {
        return saveGateway;
    }

    public ObservableList<LlmProvider> providers() {
        return providers;
    }

    public ObjectProperty<LlmProvider.Kind> providerKindProperty() {
        return providerKind;
    }

    public StringProperty providerModelProperty() {
        return providerModel;
    }

    public StringProperty providerBaseUrlProperty() {
        return providerBaseUrl;
    }

    public StringProperty providerKeyEnvProperty() {
        return providerKeyEnv;
    }

    public Command addProviderCommand() {
        return addProvider;
    }

    public ObservableList<ApproverRow> approvers() {
        return approvers;
    }

    public ReadOnlyStringProperty localApproverIdProperty() {
        return localApproverId.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty localApproverKeyProperty() {
        return localApproverKey.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty infoProperty() {
        return info.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
