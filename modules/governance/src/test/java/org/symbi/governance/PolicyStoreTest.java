package org.symbi.governance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyStoreTest {
    @TempDir
    Path tmp;

    @Test
    void theDefaultIsCopiedOnFirstRunAndAMalformedEditKeepsTheLastGoodPolicy() throws Exception {
        PolicyStore store = new PolicyStore(tmp);
        assertThat(store.file()).exists();
        assertThat(store.current().version()).isEqualTo(1);

        String edited = Files.readString(store.file()).replace("\"version\": 1", "\"version\": 2");
        Files.writeString(store.file(), edited);
        assertThat(store.reload().version()).isEqualTo(2);

        Files.writeString(store.file(), edited.replace("\"require\": \"deny\"", "\"require\": \"maybe\""));
        assertThatThrownBy(store::reload).isInstanceOf(PolicyException.class)
                .hasMessageContaining(store.file().toString()).hasMessageContaining("line 16");
        assertThat(store.current().version()).isEqualTo(2);

        Files.writeString(store.file(), "{ \"version\": 3,\n  \"rules\": [ }");
        assertThatThrownBy(store::reload).hasMessageContaining("line 2");
        PolicyStore restarted = new PolicyStore(tmp);
        assertThat(restarted.current().version()).isEqualTo(2);
        assertThat(restarted.lastError()).hasMessageContaining(PolicyStore.FILE_NAME);
    }
}
