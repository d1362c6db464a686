package io.takt.deploy;

import picocli.CommandLine.IVersionProvider;

/** Reports the version stamped into takt.jar's manifest by the build. */
final class TaktVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = TaktCommand.class.getPackage().getImplementationVersion();
        return new String[] {
            "takt " + (version == null ? "(development build)" : version),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
