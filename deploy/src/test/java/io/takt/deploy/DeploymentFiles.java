package io.takt.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** The deployment files under deploy/ as the tests read them: paths, YAML documents, placeholders. */
final class DeploymentFiles {

    /** deploy/ (surefire runs in the module directory and sets basedir). */
    static final Path DEPLOY = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    static final Path COMPOSE = DEPLOY.resolve("compose");
    static final Path K8S = DEPLOY.resolve("k8s");
    static final Path CONNECT = DEPLOY.resolve("connect");
    static final Path PROMETHEUS = DEPLOY.resolve("prometheus");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(?:env:)?([A-Za-z_][A-Za-z0-9_]*)(?::[?-][^}]*)?}");

    private DeploymentFiles() {
    }

    /** Every YAML file under deploy/, build output excluded. */
    static List<Path> yamlFiles() {
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            return files.filter(p -> !p.startsWith(DEPLOY.resolve("target")) && !p.startsWith(DEPLOY.resolve("src")))
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All documents of a (multi-document) YAML file, empty documents skipped. */
    static List<Map<String, Object>> documents(Path file) {
        List<Map<String, Object>> docs = new ArrayList<>();
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try {
            String text = Files.readString(file);
            for (Object doc : new Yaml(options).loadAll(text)) {
                if (doc != null) {
                    docs.add(map(doc, file.toString()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    static Map<String, Object> document(Path file) {
        List<Map<String, Object>> docs = documents(file);
        if (docs.size() != 1) {
            throw new AssertionError(file + " should hold one YAML document, not " + docs.size());
        }
        return docs.get(0);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String where) {
        if (!(node instanceof Map)) {
            throw new AssertionError(where + " should be a mapping, is " + node);
        }
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node, String where) {
        if (!(node instanceof List)) {
            throw new AssertionError(where + " should be a list, is " + node);
        }
        return (List<Object>) node;
    }

    /** Follows a path of mapping keys; null where one is missing. */
    @SuppressWarnings("unchecked")
    static Object at(Object node, String... keys) {
        Object current = node;
        for (String key : keys) {
            if (!(current instanceof Map)) {
                return null;
            }
            current = ((Map<String, Object>) current).get(key);
        }
        return current;
    }

    /**
     * Replaces {@code ${VAR}}, {@code ${VAR:?msg}} (compose) and {@code ${env:VAR}} (Kafka's config
     * provider) with a sample value, as the real environment would. URLs, users and passwords get
     * plausible samples, so that validators that parse them see the real shape.
     */
    static String substitute(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(sample(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String sample(String variable) {
        if (variable.endsWith("JDBC_URL")) {
            return "jdbc:postgresql://postgres:5432/takt";
        }
        if (variable.endsWith("REGISTRY_URL")) {
            return "http://registry:8081";
        }
        return "sample-" + variable.toLowerCase().replace('_', '-');
    }

    /** The image's tag, or empty where there is none (which means latest). */
    static String tagOf(String image) {
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        return colon > slash ? image.substring(colon + 1) : "";
    }
}
