package org.symbi.protocol;

import java.util.UUID;

/** Identifier generation for messages, tasks and deliveries. */
public final class Ids {
    private Ids() {
    }

    /** A random, URL-safe, globally unique id. */
    public static String newId() {
        return UUID.randomUUID().toString();
    }
}
