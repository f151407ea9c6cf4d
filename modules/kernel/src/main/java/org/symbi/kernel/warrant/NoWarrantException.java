package org.symbi.kernel.warrant;

/** A gated action reported or attempted without a warrant that covers exactly it. */
public final class NoWarrantException extends RuntimeException {
    public NoWarrantException(String message) {
        super(message, null, false, false);
    }
}
