package org.symbi.protocol;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes the published JSON Schemas of the protocol. Usage: {@code SchemaExport <output dir>} (docs/protocol). */
public final class SchemaExport {
    private SchemaExport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: SchemaExport <output dir>");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        for (Map.Entry<String, String> file : render().entrySet()) {
            Files.writeString(dir.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
        }
    }

    /** File name to content, for every published type, in a stable two-space-indented form. */
    public static Map<String, String> render() {
        // "\n" whatever the platform, so the files compare equal everywhere
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(new DefaultIndenter("  ", "\n"));
        JsonMapper mapper = JsonMapper.builder().build();
        Map<String, String> files = new LinkedHashMap<>();
        for (WireType type : WireSchema.PUBLISHED) {
            try {
                files.put(type.schemaFile(),
                        mapper.writer(printer).writeValueAsString(JsonSchemaGenerator.document(type)) + "\n");
            } catch (IOException e) {
                throw new IllegalStateException("cannot render " + type.schemaFile(), e);
            }
        }
        try {
            files.put(WireSchema.ROOM_FRAME_SCHEMA,
                    mapper.writer(printer).writeValueAsString(JsonSchemaGenerator.frameDocument()) + "\n");
        } catch (IOException e) {
            throw new IllegalStateException("cannot render " + WireSchema.ROOM_FRAME_SCHEMA, e);
        }
        return files;
    }
}
