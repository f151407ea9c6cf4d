package org.symbi.protocol;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Small helpers shared by the wire enums. */
final class Wire {
    private Wire() {
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String value, String field) {
        if (value != null) {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().toLowerCase(Locale.ROOT).equals(value)) {
                    return constant;
                }
            }
        }
        String allowed = Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        throw new IllegalArgumentException(field + ": unknown value '" + value + "' (allowed: " + allowed + ")");
    }
}
