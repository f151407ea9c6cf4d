package org.symbi.app.serve;

import org.symbi.gateway.GatewayConfig;
import org.symbi.governance.AgentTokens;

import java.nio.file.Path;

/**
 * Where a room's gateway listens, and the keystore it serves TLS with, as the command line and the room's settings
 * choose them.
 *
 * @param keystore         a PKCS#12 or JKS keystore for {@code wss://} and {@code https://}, or null for plain
 * @param keystorePassword its password, usually from {@value #PASSWORD_ENV}; null without a keystore
 */
public record GatewayBinding(String host, int port, Path keystore, String keystorePassword)
        implements Room.GatewayConfigFactory {
    /** Where the keystore's password is read from when the command line does not give it. */
    public static final String PASSWORD_ENV = "SYMBI_KEYSTORE_PASSWORD";

    /** Plain {@code ws://} at this address. */
    public static GatewayBinding plain(String host, int port) {
        return new GatewayBinding(host, port, null, null);
    }

    @Override
    public GatewayConfig config(AgentTokens tokens) {
        GatewayConfig config = GatewayConfig.local(tokens).withAddress(host, port);
        if (keystore == null) {
            return config;
        }
        if (keystorePassword == null) {
            throw new IllegalArgumentException("the gateway's keystore " + keystore + " needs its password: set "
                    + PASSWORD_ENV + " (or give --keystore-password to symbi serve)");
        }
        return config.withTls(keystore, keystorePassword);
    }
}
