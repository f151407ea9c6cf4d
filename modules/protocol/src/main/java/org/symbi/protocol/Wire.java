package org.symbi.protocol;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Small helpers shared by the wire enums: their lower-case wire names, computed once per enum type. */
final class Wire {
    private static final ClassValue<Names> NAMES = new ClassValue<>() {
        @Override
        protected Names computeValue(Class<?> type) {
            return new Names(type.getEnumConstants());
        }
    };

    private Wire() {
    }

    private static final class Names {
        final String[] byOrdinal;
        final Map<String, Enum<?>> byName = new HashMap<>();

        Names(Object[] constants) {
            byOrdinal = new String[constants.length];
            for (Object c : constants) {
                Enum<?> e = (Enum<?>) c;
                byOrdinal[e.ordinal()] = e.name().toLowerCase(Locale.ROOT);
                byName.put(byOrdinal[e.ordinal()], e);
            }
        }
    }

    /** The constant's name on the wire: its Java name in lower case. */
    static String name(Enum<?> constant) {
        return NAMES.get(constant.getDeclaringClass()).byOrdinal[constant.ordinal()];
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String value, String field) {
        Names names = NAMES.get(type);
        Enum<?> found = value == null ? null : names.byName.get(value);
        if (found != null) {
            return type.cast(found);
        }
        throw new IllegalArgumentException(field + ": unknown value '" + value + "' (allowed: "
                + String.join(", ", names.byOrdinal) + ")");
    }
}
