package io.takt.platform.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads a config file into flat {@code key → text} pairs: {@code .properties} as is, {@code .yaml}
 * and {@code .yml} with nested maps flattened to dotted keys and lists joined with commas.
 */
final class ConfigFile {

    private ConfigFile() {
    }

    /**
     * The file's settings in file order.
     *
     * @throws IllegalArgumentException with a message fit for the integrator if the file cannot be
     *                                  read or is not a flat-able map
     */
    static Map<String, String> read(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("Config file " + file + " does not exist or is not a file");
        }
        try {
            if (name.endsWith(".properties")) {
                return readProperties(file);
            }
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                return readYaml(file);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read config file " + file + ": " + e.getMessage(), e);
        } catch (YAMLException e) {
            throw new IllegalArgumentException("Config file " + file + " is not valid YAML: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("Config file " + file + " must end in .properties, .yaml or .yml");
    }

    private static Map<String, String> readProperties(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> flat = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().sorted()
                .forEach(k -> flat.put(k.trim(), properties.getProperty(k)));
        return flat;
    }

    private static Map<String, String> readYaml(Path file) throws IOException {
        Object document;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            document = textOnlyYaml().load(reader);
        }
        Map<String, String> flat = new LinkedHashMap<>();
        if (document == null) {
            return flat; // an empty file sets nothing
        }
        if (!(document instanceof Map<?, ?> root)) {
            throw new IllegalArgumentException("Config file " + file + " must be a map of settings at the top level");
        }
        flatten("", root, flat, file);
        return flat;
    }

    // Every scalar stays the text the integrator typed: YAML 1.1 would turn `site: 007` into 7,
    // `password: 0x1A` into 26 and `1:30` into 90, and the key's own type decides the meaning anyway.
    private static Yaml textOnlyYaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        DumperOptions dumper = new DumperOptions();
        Resolver noImplicitTypes = new Resolver() {
            @Override
            protected void addImplicitResolvers() {
                // nothing: scalars are strings
            }
        };
        return new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options, noImplicitTypes);
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, String> flat, Path file) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = prefix + String.valueOf(entry.getKey()).trim();
            Object value = entry.getValue();
            if (value instanceof Map<?, ?> nested) {
                flatten(key + ".", nested, flat, file);
            } else if (value instanceof List<?> list) {
                flat.put(key, joinScalars(key, list, file));
            } else {
                flat.put(key, value == null ? "" : String.valueOf(value));
            }
        }
    }

    private static String joinScalars(String key, List<?> list, Path file) {
        if (list.stream().anyMatch(e -> e instanceof Map<?, ?> || e instanceof List<?>)) {
            throw new IllegalArgumentException("Config file " + file + ", key '" + key
                    + "': a list may hold only plain values");
        }
        return list.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
