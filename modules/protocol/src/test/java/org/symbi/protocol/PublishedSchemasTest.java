package org.symbi.protocol;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The schemas under docs/protocol are the ones the description generates. */
class PublishedSchemasTest {
    /** Surefire runs in the module directory. */
    static final Path DOCS = Path.of("../../docs/protocol");
    private static final String REGENERATE = "regenerate with: ./mvnw -q -pl modules/protocol test "
            + "-Dtest=PublishedSchemasTest -Dprotocol.schemas.update=true";

    @Test
    void checkedInSchemasMatchTheDescription() throws IOException {
        Map<String, String> generated = SchemaExport.render();
        if (Boolean.getBoolean("protocol.schemas.update")) {
            SchemaExport.main(new String[]{DOCS.toString()});
        }
        for (Map.Entry<String, String> file : generated.entrySet()) {
            Path path = DOCS.resolve(file.getKey());
            assertThat(path).as("docs/protocol/%s is missing; %s", file.getKey(), REGENERATE).exists();
            assertThat(Files.readString(path, StandardCharsets.UTF_8))
                    .as("docs/protocol/%s differs from the protocol description; %s", file.getKey(), REGENERATE)
                    .isEqualTo(file.getValue());
        }
    }

    @Test
    void noStaleSchemasAreLeftBehind() throws IOException {
        try (Stream<Path> files = Files.list(DOCS)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".schema.json")))
                    .containsExactlyInAnyOrderElementsOf(SchemaExport.render().keySet());
        }
    }

    @Test
    void everyPublishedFileIsOneTheReadmeNames() throws IOException {
        String readme = Files.readString(DOCS.resolve("README.md"), StandardCharsets.UTF_8);
        assertThat(SchemaExport.render().keySet()).allSatisfy(file -> assertThat(readme).contains(file));
    }
}
