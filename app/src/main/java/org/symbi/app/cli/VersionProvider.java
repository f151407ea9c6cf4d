package org.symbi.app.cli;

import picocli.CommandLine;

/** The version from the jar's manifest (the build's project version). */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"symbi " + (v != null ? v : "development build") + " on Java " + Runtime.version()};
    }
}
