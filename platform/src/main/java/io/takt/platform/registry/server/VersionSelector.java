package io.takt.platform.registry.server;

/** Reads a version path segment the way Confluent does: 1..2^31-1, or {@code latest} / {@code -1}. */
final class VersionSelector {

    static final int LATEST = -1;

    private VersionSelector() {
    }

    static int parse(String text) {
        String trimmed = text.trim();
        if (trimmed.equalsIgnoreCase("latest")) {
            return LATEST;
        }
        try {
            int version = Integer.parseInt(trimmed);
            if (version >= 1 || version == LATEST) {
                return version;
            }
        } catch (NumberFormatException e) {
            // fall through: Confluent answers any non-number with 42202 too
        }
        throw RegistryError.invalidVersion(text);
    }
}
