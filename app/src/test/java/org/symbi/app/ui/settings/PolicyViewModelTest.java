package org.symbi.app.ui.settings;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.app.ui.RoomFixture;
import org.symbi.governance.PolicyStore;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyViewModelTest {
    @TempDir
    Path data;
    private RoomFixture room;
    private PolicyViewModel model;
    private Path file;

    @BeforeEach
    void open() throws Exception {
        room = RoomFixture.open(data);
        model = new PolicyViewModel(room.context());
        file = data.resolve("policies").resolve("policy.json");
        model.load();
        room.drain();
    }

    @AfterEach
    void close() {
        room.close();
    }

    @Test
    void showsTheUsersPolicyFile() throws Exception {
        assertThat(model.file()).isEqualTo(file.toString());
        assertThat(model.textProperty().get()).isEqualTo(Files.readString(file)).contains("\"rules\"");
        assertThat(model.editedProperty().get()).isFalse();
    }

    @Test
    void anInvalidPolicyIsRefusedWithTheLineAndNothingIsWritten() throws Exception {
        String before = Files.readString(file);
        model.textProperty().set("{\n  \"version\": 2,\n  \"rules\": [\n");

        model.saveCommand().execute();
        room.drain();

        assertThat(model.errorProperty().get()).startsWith("Not saved: policy file policy.json line")
                .doesNotContain(".tmp");
        assertThat(Files.readString(file)).isEqualTo(before);
        assertThat(model.editedProperty().get()).isTrue();
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }

        model.textProperty().set("{\"version\": 2, \"rules\": [{\"id\": \"r\", \"require\": \"sometimes\"}]}");
        model.saveCommand().execute();
        room.drain();
        assertThat(model.errorProperty().get()).startsWith("Not saved:");
        assertThat(Files.readString(file)).isEqualTo(before);
    }

    @Test
    void aValidPolicyIsWrittenAndTheParserReadsIt() throws Exception {
        String edited = model.textProperty().get().replaceFirst("\"version\"\\s*:\\s*\\d+", "\"version\": 42");
        model.textProperty().set(edited);

        model.saveCommand().execute();
        room.drain();

        assertThat(model.errorProperty().get()).isEmpty();
        assertThat(model.infoProperty().get()).contains("when it next starts");
        assertThat(Files.readString(file)).isEqualTo(edited);
        assertThat(PolicyStore.parse(file)).isNotNull();
        assertThat(model.editedProperty().get()).isFalse();
    }

    @Test
    void resetPutsTheShippedDefaultInTheEditorWithoutWriting() throws Exception {
        model.textProperty().set(model.textProperty().get().replaceFirst("\"version\"\\s*:\\s*\\d+", "\"version\": 7"));
        model.saveCommand().execute();
        room.drain();
        String saved = Files.readString(file);
        assertThat(saved).contains("\"version\": 7");

        model.resetToDefaultsCommand().execute();
        room.drain();

        String shipped;
        try (var in = PolicyStore.class.getResourceAsStream(PolicyStore.DEFAULT_RESOURCE)) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(model.textProperty().get()).isEqualTo(shipped);
        assertThat(model.editedProperty().get()).isTrue();
        assertThat(Files.readString(file)).isEqualTo(saved);
    }
}
