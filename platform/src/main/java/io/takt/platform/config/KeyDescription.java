package io.takt.platform.config;

import java.util.List;

/**
 * One row of a service's settings table, for {@code --help} and generated docs.
 *
 * @param key          the key, or {@code prefix*} for a pass-through prefix
 * @param type         the type's short name, e.g. {@code duration}
 * @param defaultValue the default as it would be written, {@code (required)}, or empty if optional
 * @param allowed      the validator rules, e.g. {@code in [1, 1000]}; empty if any value of the type goes
 * @param envVar       the environment variable, e.g. {@code TAKT_SITE}
 * @param doc          what the key does
 */
public record KeyDescription(String key, String type, String defaultValue, String allowed, String envVar,
                             String doc) {

    /** Shown as the default of a required key. */
    public static final String REQUIRED = "(required)";

    /** The rows as a GitHub-flavoured Markdown table. */
    public static String markdownTable(List<KeyDescription> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| Key | Type | Default | Allowed | Environment variable | Description |\n");
        out.append("|---|---|---|---|---|---|\n");
        for (KeyDescription row : rows) {
            out.append("| ").append(code(row.key()))
                    .append(" | ").append(cell(row.type()))
                    .append(" | ").append(row.defaultValue().isEmpty() || row.defaultValue().equals(REQUIRED)
                            ? cell(row.defaultValue()) : code(row.defaultValue()))
                    .append(" | ").append(cell(row.allowed()))
                    .append(" | ").append(code(row.envVar()))
                    .append(" | ").append(cell(row.doc()))
                    .append(" |\n");
        }
        return out.toString();
    }

    private static String code(String text) {
        return text.isEmpty() ? "" : "`" + cell(text) + "`";
    }

    // A pipe would end the cell and a line break the row.
    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }
}
