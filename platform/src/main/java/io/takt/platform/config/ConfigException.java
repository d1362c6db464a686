package io.takt.platform.config;

import java.util.List;

/**
 * Start-up configuration is wrong. Carries every problem found, not just the first, so that an
 * integrator can fix the file and environment in one pass.
 */
public class ConfigException extends RuntimeException {

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /** One sentence per problem, each naming the key, the value, its origin and what is allowed. */
    public List<String> problems() {
        return problems;
    }

    private static String message(List<String> problems) {
        if (problems.size() == 1) {
            return "Invalid configuration: " + problems.get(0);
        }
        StringBuilder out = new StringBuilder("Invalid configuration (" + problems.size() + " problems):");
        problems.forEach(p -> out.append(System.lineSeparator()).append("  - ").append(p));
        return out.toString();
    }
}
