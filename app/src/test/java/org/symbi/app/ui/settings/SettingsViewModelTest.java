package org.symbi.app.ui.settings;

import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.app.ui.RoomFixture;
import org.symbi.app.ui.kit.Theme;
import org.symbi.kernel.Kernel;
import org.symbi.store.KeyFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SettingsViewModelTest {
    @TempDir
    Path data;
    private RoomFixture room;
    private final SimpleObjectProperty<Theme> shellTheme = new SimpleObjectProperty<>(Theme.DARK);
    private final List<Theme> themeRequests = new ArrayList<>();
    private SettingsViewModel model;

    @BeforeEach
    void open() throws Exception {
        room = RoomFixture.open(data);
        model = new SettingsViewModel(room.context(), shellTheme, themeRequests::add);
        model.load();
        room.drain();
    }

    @AfterEach
    void close() {
        room.close();
    }

    private RoomSettings saved() {
        return RoomSettings.load(room.room().dataDir()).settings();
    }

    @Test
    void showsTheDataDirectoryTheGatewayAndTheRoomsApprover() {
        assertThat(model.dataDir()).isEqualTo(data.toAbsolutePath().normalize().toString());
        assertThat(model.runningGateway()).isEqualTo(room.room().gateway().address());
        assertThat(model.gatewayPortProperty().get()).isEqualTo("7420");
        assertThat(model.localApproverIdProperty().get()).isEqualTo(Kernel.LOCAL_APPROVER);
        assertThat(model.localApproverKeyProperty().get())
                .isEqualTo(KeyFiles.encodePublic(room.room().kernel().localApprover().publicKey()));
        assertThat(model.approvers()).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo(Kernel.LOCAL_APPROVER);
            assertThat(a.local()).isTrue();
            assertThat(a.groups()).isEqualTo("maintainers");
            assertThat(a.publicKey()).isEqualTo(model.localApproverKeyProperty().get());
        });
    }

    @Test
    void theGatewayAddressIsSavedForTheNextStartAndABadPortIsRefused() {
        model.gatewayHostProperty().set("0.0.0.0");
        model.gatewayPortProperty().set("80a");
        model.saveGatewayCommand().execute();
        room.drain();
        assertThat(model.errorProperty().get()).contains("must be a number");
        assertThat(Files.exists(data.resolve("settings.json"))).isFalse();

        model.gatewayPortProperty().set("9100");
        model.saveGatewayCommand().execute();
        room.drain();

        assertThat(model.errorProperty().get()).isEmpty();
        assertThat(model.infoProperty().get()).contains("next start").contains("0.0.0.0:9100");
        assertThat(saved().gatewayHost()).isEqualTo("0.0.0.0");
        assertThat(saved().gatewayPort()).isEqualTo(9100);
    }

    @Test
    void aKeystoreIsSavedWhenTheFileIsThereAndTheGatewayThenServesTls() throws Exception {
        model.gatewayKeystoreProperty().set(data.resolve("absent.p12").toString());
        model.saveGatewayCommand().execute();
        room.drain();
        assertThat(model.errorProperty().get()).contains("there is no keystore file at");
        assertThat(Files.exists(data.resolve("settings.json"))).isFalse();

        Path keystore = Files.writeString(data.resolve("room.p12"), "keystore bytes");
        model.gatewayKeystoreProperty().set(keystore.toString());
        model.saveGatewayCommand().execute();
        room.drain();

        assertThat(model.errorProperty().get()).isEmpty();
        assertThat(model.infoProperty().get()).contains("with TLS").contains("SYMBI_KEYSTORE_PASSWORD");
        assertThat(saved().gatewayKeystore()).isEqualTo(keystore.toString());
    }

    @Test
    void theThemeSwitchAsksTheWindowAndFollowsIt() {
        model.useTheme(Theme.LIGHT);
        assertThat(themeRequests).containsExactly(Theme.LIGHT);

        shellTheme.set(Theme.LIGHT);
        assertThat(model.themeProperty().get()).isEqualTo(Theme.LIGHT);
        model.useTheme(Theme.LIGHT);
        assertThat(themeRequests).containsExactly(Theme.LIGHT);
    }

    @Test
    void providersAreAddedAndRemovedAndABadOneIsRefusedKeepingTheForm() {
        model.providerKindProperty().set(LlmProvider.Kind.OPENAI_COMPATIBLE);
        model.providerModelProperty().set("qwen2.5-coder");
        model.addProviderCommand().execute();
        room.drain();
        assertThat(model.errorProperty().get()).contains("needs a base URL");
        assertThat(model.providerModelProperty().get()).isEqualTo("qwen2.5-coder");
        assertThat(saved().llmProviders()).isEmpty();

        model.providerBaseUrlProperty().set("http://localhost:8000/v1");
        model.providerKeyEnvProperty().set("LOCAL_LLM_KEY");
        model.addProviderCommand().execute();
        room.drain();

        LlmProvider added = new LlmProvider(LlmProvider.Kind.OPENAI_COMPATIBLE, "qwen2.5-coder",
                "http://localhost:8000/v1", "LOCAL_LLM_KEY");
        assertThat(model.providers()).containsExactly(added);
        assertThat(saved().llmProviders()).containsExactly(added);
        assertThat(model.providerModelProperty().get()).isEmpty();

        model.removeProvider(added);
        room.drain();
        assertThat(model.providers()).isEmpty();
        assertThat(saved().llmProviders()).isEmpty();
    }

    @Test
    void aCorruptSettingsFileIsReportedOnLoad() throws Exception {
        Files.writeString(data.resolve("settings.json"), "not json");
        model.load();
        room.drain();

        assertThat(model.errorProperty().get()).contains("cannot be used");
        assertThat(model.gatewayPortProperty().get()).isEqualTo("7420");
    }
}
