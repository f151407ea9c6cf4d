package org.symbi.protocol;

import java.util.List;

/**
 * A wire object: its fields in the order they are checked and written. Unknown fields are errors.
 *
 * @param schemaFile  the file its JSON Schema is published as under docs/protocol, or null for nested types
 * @param recordType  the record it maps to, or null when this module has none (the envelope is mapped by
 *                    hand; lock outcomes are written by the room)
 * @param anyOf       field names of which at least one must be present, or empty
 */
record WireType(String name, String schemaFile, Class<?> recordType, String description, List<WireField> fields,
                List<String> anyOf) {

    WireType {
        fields = List.copyOf(fields);
        anyOf = List.copyOf(anyOf);
    }

    WireField field(String fieldName) {
        for (WireField f : fields) {
            if (f.name().equals(fieldName)) {
                return f;
            }
        }
        return null;
    }
}
