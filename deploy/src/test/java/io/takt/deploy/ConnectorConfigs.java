package io.takt.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.transforms.Transformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A Kafka Connect connector config shipped in deploy/connect, with its placeholders filled in. */
record ConnectorConfigs(Path file, String name, Map<String, String> config) {

    static List<ConnectorConfigs> shipped() {
        try (Stream<Path> files = Files.list(DeploymentFiles.CONNECT)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().map(ConnectorConfigs::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ConnectorConfigs read(Path file) {
        try {
            JsonNode json = new ObjectMapper().readTree(file.toFile());
            Map<String, String> config = new LinkedHashMap<>();
            json.get("config").fields().forEachRemaining(f -> config.put(f.getKey(),
                    DeploymentFiles.substitute(f.getValue().asText())));
            return new ConnectorConfigs(file, json.get("name").asText(), config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Settings under {@code prefix}, the prefix removed (as Connect hands them to a plugin). */
    Map<String, String> under(String prefix) {
        Map<String, String> sub = new LinkedHashMap<>();
        config.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                sub.put(k.substring(prefix.length()), v);
            }
        });
        return sub;
    }

    /** The transform chain, each instantiated and configured as the worker would. */
    <R extends ConnectRecord<R>> List<Transformation<R>> transforms() {
        String names = config.getOrDefault("transforms", "");
        return Stream.of(names.split(",")).map(String::trim).filter(n -> !n.isEmpty()).map(n -> {
            Map<String, String> settings = under("transforms." + n + ".");
            Transformation<R> transform = instantiate(settings.remove("type"), Transformation.class);
            transform.configure(settings);
            return transform;
        }).toList();
    }

    @SuppressWarnings("unchecked")
    static <T> T instantiate(String className, Class<?> type) {
        try {
            Object instance = Class.forName(className).getDeclaredConstructor().newInstance();
            if (!type.isInstance(instance)) {
                throw new AssertionError(className + " is not a " + type.getName());
            }
            return (T) instance;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("Cannot instantiate " + className + ": " + e, e);
        }
    }
}
