package org.symbi.sdk;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Keystores for TLS tests, made by the JDK's keytool: a room's key and certificate, and what agents trust. */
public final class TestKeystores {
    private TestKeystores() {
    }

    /**
     * A PKCS#12 keystore at {@code file} holding one EC key, alias {@code room}, with a self-signed certificate for
     * {@code dname}; {@code extensions} as keytool's {@code -ext} takes them, e.g. {@code SAN=ip:127.0.0.1}.
     */
    public static Path keystore(Path file, char[] password, String dname, String... extensions)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "room", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", dname, "-storetype", "PKCS12", "-keystore", file.toString(),
                "-storepass", new String(password), "-keypass", new String(password)));
        for (String extension : extensions) {
            command.addAll(List.of("-ext", extension));
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        return file;
    }

    /** The certificate of a keystore made by {@link #keystore}. */
    public static X509Certificate certificate(Path keystore, char[] password) throws IOException {
        try {
            return (X509Certificate) KeyStore.getInstance(keystore.toFile(), password).getCertificate("room");
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    /** What an agent's operator is given: a trust store with the room's certificate alone, without its key. */
    public static Path trustStore(Path keystore, char[] password, Path file) throws IOException {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("room", certificate(keystore, password));
            try (OutputStream out = Files.newOutputStream(file)) {
                trust.store(out, password);
            }
            return file;
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }
}
