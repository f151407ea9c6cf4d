package org.symbi.app.ui.settings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.app.ui.kit.Theme;
import org.symbi.store.DataDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoomSettingsTest {
    @TempDir
    Path tmp;

    private DataDir dir() {
        return new DataDir(tmp);
    }

    @Test
    void noFileMeansDefaults() {
        RoomSettings.Loaded loaded = RoomSettings.load(dir());

        assertThat(loaded.settings()).isEqualTo(RoomSettings.defaults());
        assertThat(loaded.problem()).isEmpty();
        assertThat(loaded.settings().gatewayPort()).isEqualTo(7420);
        assertThat(loaded.settings().theme()).isEqualTo(Theme.DARK);
    }

    @Test
    void whatIsSavedIsReadBackAndNoTemporaryFileStays() throws Exception {
        RoomSettings settings = new RoomSettings("0.0.0.0", 9000, Theme.LIGHT, List.of(
                new LlmProvider(LlmProvider.Kind.OPENAI, "gpt-4o", null, "OPENAI_API_KEY"),
                new LlmProvider(LlmProvider.Kind.OPENAI_COMPATIBLE, "qwen", "http://localhost:8000/v1", null),
                new LlmProvider(LlmProvider.Kind.OLLAMA, "llama3.1", null, null)));

        settings.save(dir());

        assertThat(RoomSettings.load(dir())).isEqualTo(new RoomSettings.Loaded(settings, java.util.Optional.empty()));
        assertThat(Files.list(tmp)).extracting(p -> p.getFileName().toString()).containsExactly("settings.json");
        String text = Files.readString(tmp.resolve("settings.json"));
        assertThat(text).contains("\"theme\" : \"light\"").contains("\"api_key_env\" : \"OPENAI_API_KEY\"")
                .contains("\"kind\" : \"openai-compatible\"");
    }

    @Test
    void anUpdateChangesOneThingAndKeepsTheRest() throws Exception {
        RoomSettings.update(dir(), s -> s.withGateway("127.0.0.1", 8123, "/etc/symbi/room.p12"));
        RoomSettings.update(dir(), s -> s.withTheme(Theme.LIGHT));

        RoomSettings read = RoomSettings.load(dir()).settings();
        assertThat(read.gatewayPort()).isEqualTo(8123);
        assertThat(read.gatewayKeystore()).isEqualTo("/etc/symbi/room.p12");
        assertThat(read.theme()).isEqualTo(Theme.LIGHT);
        assertThat(Files.readString(tmp.resolve("settings.json"))).contains("\"keystore\" : \"/etc/symbi/room.p12\"");

        RoomSettings.update(dir(), s -> s.withGateway("127.0.0.1", 8123, " "));
        assertThat(RoomSettings.load(dir()).settings().gatewayKeystore()).isNull();
        assertThat(Files.readString(tmp.resolve("settings.json"))).doesNotContain("keystore");
    }

    @Test
    void theLastRepositoryIsKeptBesideTheRestAndFilesWithoutItStillRead() throws Exception {
        Files.writeString(tmp.resolve("settings.json"), "{\"gateway\": {\"host\": \"127.0.0.1\", \"port\": 8123},"
                + " \"theme\": \"light\", \"llm_providers\": []}");
        assertThat(RoomSettings.load(dir()).settings().lastRepository()).isNull();
        assertThat(RoomSettings.load(dir()).problem()).isEmpty();

        RoomSettings.update(dir(), s -> s.withLastRepository("/home/ada/fib"));
        RoomSettings.update(dir(), s -> s.withTheme(Theme.DARK));

        RoomSettings read = RoomSettings.load(dir()).settings();
        assertThat(read.lastRepository()).isEqualTo("/home/ada/fib");
        assertThat(read.gatewayPort()).isEqualTo(8123);
        assertThat(Files.readString(tmp.resolve("settings.json"))).contains("\"last_repository\" : \"/home/ada/fib\"");
        assertThat(RoomSettings.defaults().toJson()).doesNotContain("requests");
    }

    @Test
    void aCorruptFileGivesDefaultsAndAReasonAndIsKeptAsideByTheNextSave() throws Exception {
        Path file = tmp.resolve("settings.json");
        String broken = "{\n  \"gateway\": {\"port\": 80,\n";
        Files.writeString(file, broken);

        RoomSettings.Loaded loaded = RoomSettings.load(dir());

        assertThat(loaded.settings()).isEqualTo(RoomSettings.defaults());
        assertThat(loaded.problem()).hasValueSatisfying(p -> assertThat(p).contains("settings.json cannot be used")
                .contains("line 3").contains("keeps that file aside"));
        assertThat(Files.readString(file)).isEqualTo(broken);

        RoomSettings.Loaded saved = RoomSettings.update(dir(), s -> s.withTheme(Theme.LIGHT));

        assertThat(saved.problem()).hasValueSatisfying(p -> assertThat(p).contains("settings.json.corrupt-"));
        Path kept;
        try (var files = Files.list(tmp)) {
            kept = files.filter(p -> p.getFileName().toString().startsWith("settings.json.corrupt-")).findFirst()
                    .orElseThrow();
        }
        assertThat(Files.readString(kept)).isEqualTo(broken);
        assertThat(RoomSettings.load(dir()).settings().theme()).isEqualTo(Theme.LIGHT);
        assertThat(RoomSettings.load(dir()).problem()).isEmpty();
    }

    @Test
    void wellFormedJsonWithWrongValuesIsAlsoRefusedWithTheReason() throws Exception {
        Files.writeString(tmp.resolve("settings.json"), "{\"gateway\": {\"port\": 70000}, \"theme\": \"dark\"}");
        assertThat(RoomSettings.load(dir()).problem()).hasValueSatisfying(p -> assertThat(p).contains("65535"));

        Files.writeString(tmp.resolve("settings.json"), "{\"theme\": \"purple\"}");
        assertThat(RoomSettings.load(dir()).problem()).hasValueSatisfying(p -> assertThat(p).contains("dark or light"));

        Files.writeString(tmp.resolve("settings.json"), "{\"llm_providers\": [{\"kind\": \"anthropic\", \"model\": \"x\"}]}");
        assertThat(RoomSettings.load(dir()).problem()).hasValueSatisfying(p -> assertThat(p).contains("API key"));
    }

    @Test
    void aProviderStoresTheNameOfTheKeysVariableNeverAKey() {
        assertThatThrownBy(() -> new LlmProvider(LlmProvider.Kind.OPENAI, "gpt-4o", null, "sk-proj-abcdefghijklmnop"))
                .hasMessageContaining("never the key itself").hasMessageNotContaining("abcdefghijklmnop");
        assertThatThrownBy(() -> new LlmProvider(LlmProvider.Kind.OPENAI_COMPATIBLE, "qwen", null, null))
                .hasMessageContaining("needs a base URL");
        assertThatThrownBy(() -> new LlmProvider(LlmProvider.Kind.OLLAMA, "llama3.1", "ftp://host", null))
                .hasMessageContaining("http:// or https://");
        assertThatThrownBy(() -> new LlmProvider(LlmProvider.Kind.OLLAMA, " ", null, null))
                .hasMessageContaining("model name");
        assertThat(new LlmProvider(LlmProvider.Kind.ANTHROPIC, "claude", null, "ANTHROPIC_API_KEY").effectiveBaseUrl())
                .isEqualTo("https://api.anthropic.com");
    }
}
