package io.takt.platform.registry.client;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.apache.avro.Schema;

import com.fasterxml.jackson.databind.JsonNode;

import io.takt.platform.registry.SchemaRegistryClient;
import io.takt.platform.registry.SchemaRegistryClients;
import io.takt.platform.registry.SchemaRegistryException;
import io.takt.schemas.compat.CompatibilityLevel;

/**
 * A caching {@link SchemaRegistryClient} speaking Confluent's REST API, usable against Takt's
 * registry, Confluent, Redpanda, Karapace or Apicurio (ccompat). Ids are cached for good (an id
 * never changes its schema); the administrative calls the CLI and tests need are not cached.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final RegistryHttp http;
    private final ConcurrentMap<SubjectSchema, Integer> ids = new ConcurrentHashMap<>();
    private final ConcurrentMap<Integer, Schema> schemas = new ConcurrentHashMap<>();

    private record SubjectSchema(String subject, Schema schema) {
    }

    /**
     * @param baseUrls          registry URLs, tried in order when one cannot be reached
     * @param basicAuthUserInfo {@code user:password} for HTTP basic auth, or null
     * @param timeout           connect and request timeout per URL
     */
    public RestSchemaRegistryClient(List<URI> baseUrls, String basicAuthUserInfo, Duration timeout) {
        this.http = new RegistryHttp(baseUrls, basicAuthUserInfo, timeout);
    }

    public RestSchemaRegistryClient(String commaSeparatedUrls) {
        this(parseUrls(commaSeparatedUrls), null, DEFAULT_TIMEOUT);
    }

    /** Reads {@code schema.registry.url} (comma-separated or a list) and {@code basic.auth.user.info}. */
    public static RestSchemaRegistryClient fromConfig(Map<String, ?> configs) {
        Object urls = configs.get(SchemaRegistryClients.URL);
        if (urls == null) {
            throw new IllegalArgumentException("Missing " + SchemaRegistryClients.URL
                    + ": expected comma-separated registry URLs, e.g. http://localhost:8081");
        }
        String joined = urls instanceof Collection<?> list ? String.join(",", list.stream().map(String::valueOf)
                .toList()) : String.valueOf(urls);
        Object userInfo = configs.get(SchemaRegistryClients.BASIC_AUTH_USER_INFO);
        if (userInfo != null && !String.valueOf(userInfo).contains(":")) {
            throw new IllegalArgumentException("Invalid " + SchemaRegistryClients.BASIC_AUTH_USER_INFO
                    + ": expected user:password");
        }
        return new RestSchemaRegistryClient(parseUrls(joined), userInfo == null ? null : String.valueOf(userInfo),
                DEFAULT_TIMEOUT);
    }

    static List<URI> parseUrls(String commaSeparated) {
        List<URI> urls = new ArrayList<>();
        for (String raw : commaSeparated.split("\\s*,\\s*")) {
            if (raw.isBlank()) {
                continue;
            }
            URI uri = URI.create(raw.trim());
            if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
                throw new IllegalArgumentException("Invalid " + SchemaRegistryClients.URL + " entry '" + raw
                        + "': expected http(s)://host:port");
            }
            urls.add(uri);
        }
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("Empty " + SchemaRegistryClients.URL);
        }
        return urls;
    }

    public List<URI> baseUrls() {
        return http.baseUrls();
    }

    @Override
    public int register(String subject, Schema schema) {
        return ids.computeIfAbsent(new SubjectSchema(subject, schema), key -> {
            int id = http.send("POST", subjectPath(subject) + "/versions", schemaBody(schema)).get("id").asInt();
            schemas.putIfAbsent(id, schema);
            return id;
        });
    }

    @Override
    public int idOf(String subject, Schema schema) {
        return ids.computeIfAbsent(new SubjectSchema(subject, schema), key -> lookup(subject, schema).id());
    }

    @Override
    public Schema schemaById(int id) {
        return schemas.computeIfAbsent(id, key ->
                new Schema.Parser().parse(http.send("GET", "/schemas/ids/" + id, null).get("schema").asText()));
    }

    /** The subject version holding this schema (40401 / 40403 when there is none). */
    public RegisteredSchema lookup(String subject, Schema schema) {
        return registered(http.send("POST", subjectPath(subject), schemaBody(schema)));
    }

    public List<String> subjects() {
        return subjects(false);
    }

    public List<String> subjects(boolean includeDeleted) {
        return strings(http.send("GET", "/subjects?deleted=" + includeDeleted, null));
    }

    public List<Integer> versions(String subject) {
        JsonNode node = http.send("GET", subjectPath(subject) + "/versions", null);
        List<Integer> versions = new ArrayList<>();
        node.forEach(v -> versions.add(v.asInt()));
        return versions;
    }

    public RegisteredSchema version(String subject, int version) {
        return registered(http.send("GET", subjectPath(subject) + "/versions/" + version, null));
    }

    public RegisteredSchema latest(String subject) {
        return registered(http.send("GET", subjectPath(subject) + "/versions/latest", null));
    }

    /** The global compatibility level. */
    public CompatibilityLevel compatibility() {
        return level(http.send("GET", "/config", null));
    }

    /** The level governing {@code subject}: its own, else the global one. */
    public CompatibilityLevel compatibility(String subject) {
        return level(http.send("GET", "/config/" + RegistryHttp.segment(subject) + "?defaultToGlobal=true", null));
    }

    /** The subject's own level, empty when it follows the global one. */
    public Optional<CompatibilityLevel> subjectCompatibility(String subject) {
        try {
            return Optional.of(level(http.send("GET", "/config/" + RegistryHttp.segment(subject), null)));
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == 40408 || e.errorCode() == 40401) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public void setCompatibility(CompatibilityLevel level) {
        http.send("PUT", "/config", Map.of("compatibility", level.name()));
    }

    public void setCompatibility(String subject, CompatibilityLevel level) {
        http.send("PUT", "/config/" + RegistryHttp.segment(subject), Map.of("compatibility", level.name()));
    }

    /** Drops the subject's own level, so the global one applies again. */
    public void deleteCompatibility(String subject) {
        http.send("DELETE", "/config/" + RegistryHttp.segment(subject), null);
    }

    /** Problems with registering {@code schema} after the latest version; empty when compatible. */
    public List<String> testCompatibility(String subject, Schema schema) {
        return testCompatibility(subject, "latest", schema);
    }

    /** Problems with {@code schema} against one version ({@code "latest"} or a number); empty when compatible. */
    public List<String> testCompatibility(String subject, String version, Schema schema) {
        JsonNode answer = http.send("POST", "/compatibility" + subjectPath(subject) + "/versions/"
                + RegistryHttp.segment(version) + "?verbose=true", schemaBody(schema));
        if (answer.path("is_compatible").asBoolean()) {
            return List.of();
        }
        List<String> messages = strings(answer.path("messages"));
        return messages.isEmpty() ? List.of("Schemas are incompatible") : messages;
    }

    /** Deletes a subject (soft, or permanent after a soft delete) and answers the versions deleted. */
    public List<Integer> deleteSubject(String subject, boolean permanent) {
        JsonNode node = http.send("DELETE", subjectPath(subject) + "?permanent=" + permanent, null);
        ids.keySet().removeIf(key -> key.subject().equals(subject));
        List<Integer> versions = new ArrayList<>();
        node.forEach(v -> versions.add(v.asInt()));
        return versions;
    }

    public int deleteVersion(String subject, int version, boolean permanent) {
        int deleted = http.send("DELETE", subjectPath(subject) + "/versions/" + version + "?permanent=" + permanent,
                null).asInt();
        ids.keySet().removeIf(key -> key.subject().equals(subject));
        return deleted;
    }

    private static String subjectPath(String subject) {
        return "/subjects/" + RegistryHttp.segment(subject);
    }

    private static Map<String, Object> schemaBody(Schema schema) {
        return Map.of("schema", schema.toString());
    }

    private static RegisteredSchema registered(JsonNode node) {
        return new RegisteredSchema(node.path("subject").asText(), node.path("version").asInt(),
                node.path("id").asInt(), node.path("schema").asText());
    }

    private static CompatibilityLevel level(JsonNode node) {
        return CompatibilityLevel.valueOf(node.path("compatibilityLevel").asText());
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    @Override
    public String toString() {
        return "RestSchemaRegistryClient" + Arrays.toString(http.baseUrls().toArray());
    }
}
