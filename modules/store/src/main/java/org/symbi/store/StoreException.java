package org.symbi.store;

/** A storage failure the caller cannot fix by retrying the same call: the disk, the file, or the schema. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
