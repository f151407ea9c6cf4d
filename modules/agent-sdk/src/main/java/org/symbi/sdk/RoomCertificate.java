package org.symbi.sdk;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Trust in one room by its certificate: a TLS connection is accepted when the server presents exactly one of the
 * room's own certificates, at whatever address it was dialled. The room's own agents and the command line on the
 * room's machine dial {@code 127.0.0.1}, which a certificate made for the room's public name does not cover;
 * holding the certificate itself makes the name check unnecessary, since only the holder of its private key can
 * complete the handshake. The room writes its certificates as PEM to {@code room-certificate.pem} in its data
 * directory and names the file to the agents it starts in {@value #ENV}.
 */
public final class RoomCertificate {
    /** The variable naming the PEM file of the room's certificates, for the agents the room starts. */
    public static final String ENV = "SYMBI_ROOM_CERTIFICATE";

    private RoomCertificate() {
    }

    /** The certificates of a PEM file (or DER), in the file's order. */
    public static List<X509Certificate> read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException("the room's certificate file " + file + " does not exist", e);
        }
        try {
            List<X509Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bytes)).stream()
                    .map(X509Certificate.class::cast).toList();
            if (certificates.isEmpty()) {
                throw new IOException(file + " holds no certificate");
            }
            return certificates;
        } catch (CertificateException e) {
            throw new IOException(file + " is not a PEM or DER certificate file: " + e.getMessage(), e);
        }
    }

    /** Certificates as PEM text, as {@link #read} reads them. */
    public static String pem(List<X509Certificate> certificates) {
        Base64.Encoder base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        StringBuilder out = new StringBuilder();
        for (X509Certificate c : certificates) {
            try {
                out.append("-----BEGIN CERTIFICATE-----\n").append(base64.encodeToString(c.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            } catch (CertificateException e) {
                throw new IllegalArgumentException("a certificate that cannot be encoded: " + e.getMessage(), e);
            }
        }
        return out.toString();
    }

    /** A TLS context that trusts the servers presenting one of the certificates of this file ({@link #read}), only. */
    public static SSLContext sslContext(Path file) throws IOException {
        List<X509Certificate> certificates = read(file);
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new X509ExtendedTrustManager[] {new Pinned(certificates)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK offers no TLS context", e);
        }
    }

    /** The TLS context for the certificates in {@value #ENV}'s file, if the variable is set. */
    public static Optional<SSLContext> fromEnvironment(Map<String, String> env) throws IOException {
        String file = env.get(ENV);
        if (file == null || file.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(sslContext(Path.of(file)));
    }

    /** Server side only: accepts a chain whose first certificate is one of the pinned ones, within its dates. */
    private static final class Pinned extends X509ExtendedTrustManager {
        private final List<X509Certificate> pinned;

        Pinned(List<X509Certificate> pinned) {
            this.pinned = pinned;
        }

        private void check(X509Certificate[] chain) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("the server presented no certificate");
            }
            if (!pinned.contains(chain[0])) {
                throw new CertificateException("the server's certificate (" + chain[0].getSubjectX500Principal()
                        + ") is not the room's certificate");
            }
            chain[0].checkValidity();
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            check(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("an agent's connection trusts servers only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("an agent's connection trusts servers only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("an agent's connection trusts servers only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
