package io.takt.platform.registry.server;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.takt.platform.registry.server.RegistryState.StoredVersion;
import io.takt.schemas.compat.CompatibilityLevel;

/**
 * Confluent Schema Registry's REST API (AVRO subset) on Javalin: paths, JSON bodies, status codes,
 * error codes and content types as Confluent's clients expect them. Unknown query parameters
 * (e.g. {@code normalize}, {@code fetchMaxId}) are ignored.
 */
final class RestApi {

    static final String V1_JSON = "application/vnd.schemaregistry.v1+json";
    private static final String DEFAULT_JSON = "application/vnd.schemaregistry+json";
    private static final String JSON_TYPE = "application/json";
    private static final Logger LOG = LoggerFactory.getLogger(RestApi.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Registry registry;
    private final SubjectDeletions deletions;
    private final CompatibilityConfig config;

    RestApi(Registry registry, SubjectDeletions deletions, CompatibilityConfig config) {
        this.registry = registry;
        this.deletions = deletions;
        this.config = config;
    }

    void addTo(RoutesConfig routes) {
        routes.get("/", ctx -> respond(ctx, Map.of()));
        routes.get("/contexts", ctx -> respond(ctx, List.of(".")));
        addSchemaRoutes(routes);
        addSubjectRoutes(routes);
        addConfigRoutes(routes);
        addModeRoutes(routes);
        routes.post("/compatibility/subjects/{subject}/versions/{version}",
                ctx -> compatibility(ctx, ctx.pathParam("version")));
        routes.post("/compatibility/subjects/{subject}/versions", ctx -> compatibility(ctx, null));
        routes.exception(RegistryError.class, (e, ctx) -> error(ctx, e.httpStatus(), e.errorCode(), e.getMessage()));
        routes.exception(NotFoundResponse.class, (e, ctx) -> error(ctx, 404, 404, "HTTP 404 Not Found"));
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("Request {} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, 500, "Internal Server Error");
        });
    }

    private void addSchemaRoutes(RoutesConfig routes) {
        routes.get("/schemas/types", ctx -> respond(ctx, List.of("AVRO")));
        routes.get("/schemas/ids/{id}", ctx -> respond(ctx, Map.of("schema", registry.schemaById(id(ctx)))));
        routes.get("/schemas/ids/{id}/schema", ctx -> respondRaw(ctx, registry.schemaById(id(ctx))));
        routes.get("/schemas/ids/{id}/versions", ctx -> respond(ctx,
                registry.versionsWithId(id(ctx), flag(ctx, "deleted")).stream()
                        .map(v -> ordered("subject", v.subject(), "version", v.version())).toList()));
        routes.get("/schemas/ids/{id}/subjects", ctx -> respond(ctx,
                new TreeSet<>(registry.versionsWithId(id(ctx), flag(ctx, "deleted")).stream()
                        .map(StoredVersion::subject).toList())));
    }

    private void addSubjectRoutes(RoutesConfig routes) {
        routes.get("/subjects", ctx -> respond(ctx, subjects(ctx)));
        routes.post("/subjects/{subject}", ctx -> respond(ctx,
                versionBody(registry.lookup(subject(ctx), request(ctx), flag(ctx, "deleted")))));
        routes.delete("/subjects/{subject}", ctx -> respond(ctx,
                deletions.deleteSubject(subject(ctx), flag(ctx, "permanent"))));
        routes.get("/subjects/{subject}/versions", ctx -> respond(ctx,
                registry.versions(subject(ctx), flag(ctx, "deleted"))));
        routes.post("/subjects/{subject}/versions", ctx -> respond(ctx,
                Map.of("id", registry.register(subject(ctx), request(ctx)))));
        routes.get("/subjects/{subject}/versions/{version}", ctx -> respond(ctx,
                versionBody(registry.version(subject(ctx), ctx.pathParam("version"), flag(ctx, "deleted")))));
        routes.get("/subjects/{subject}/versions/{version}/schema", ctx -> respondRaw(ctx,
                registry.version(subject(ctx), ctx.pathParam("version"), flag(ctx, "deleted")).schema()));
        routes.get("/subjects/{subject}/versions/{version}/referencedby", ctx -> {
            registry.version(subject(ctx), ctx.pathParam("version"), true);
            respond(ctx, List.of());
        });
        routes.delete("/subjects/{subject}/versions/{version}", ctx -> respond(ctx,
                deletions.deleteVersion(subject(ctx), ctx.pathParam("version"), flag(ctx, "permanent"))));
    }

    private void addConfigRoutes(RoutesConfig routes) {
        routes.get("/config", ctx -> respond(ctx, level(config.global())));
        routes.put("/config", ctx -> respond(ctx, Map.of("compatibility", config.setGlobal(levelIn(ctx)).name())));
        routes.get("/config/{subject}", ctx -> respond(ctx,
                level(config.ofSubject(subject(ctx), flag(ctx, "defaultToGlobal")))));
        routes.put("/config/{subject}", ctx -> respond(ctx,
                Map.of("compatibility", config.setForSubject(subject(ctx), levelIn(ctx)).name())));
        routes.delete("/config/{subject}", ctx -> respond(ctx, level(config.deleteForSubject(subject(ctx)))));
    }

    /** Takt serves READWRITE only; clients probe these before writing. */
    private void addModeRoutes(RoutesConfig routes) {
        routes.get("/mode", ctx -> respond(ctx, Map.of("mode", "READWRITE")));
        routes.get("/mode/{subject}", ctx -> {
            if (!flag(ctx, "defaultToGlobal")) {
                throw RegistryError.subjectModeNotConfigured(subject(ctx));
            }
            respond(ctx, Map.of("mode", "READWRITE"));
        });
        routes.put("/mode", ctx -> {
            String mode = body(ctx).path("mode").asText("");
            if (!mode.equals("READWRITE")) {
                throw RegistryError.invalidMode(mode);
            }
            respond(ctx, Map.of("mode", mode));
        });
    }

    private void compatibility(Context ctx, String version) throws IOException {
        List<String> problems = registry.compatibilityProblems(subject(ctx), version, request(ctx));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("is_compatible", problems.isEmpty());
        if (flag(ctx, "verbose")) {
            body.put("messages", problems);
        }
        respond(ctx, body);
    }

    private Set<String> subjects(Context ctx) {
        if (flag(ctx, "deletedOnly")) {
            Set<String> deletedOnly = new TreeSet<>(registry.subjects(true));
            deletedOnly.removeAll(registry.subjects(false));
            return deletedOnly;
        }
        return registry.subjects(flag(ctx, "deleted"));
    }

    private static Map<String, Object> versionBody(StoredVersion v) {
        return ordered("subject", v.subject(), "version", v.version(), "id", v.id(), "schema", v.schema());
    }

    private static Map<String, Object> level(CompatibilityLevel level) {
        return Map.of("compatibilityLevel", level.name());
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static String subject(Context ctx) {
        return ctx.pathParam("subject");
    }

    /** A non-numeric id matches no resource, as in Confluent (where the path parameter is an integer). */
    private static int id(Context ctx) {
        try {
            return Integer.parseInt(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw RegistryError.notFound();
        }
    }

    private static boolean flag(Context ctx, String name) {
        return Boolean.parseBoolean(ctx.queryParam(name));
    }

    private static RegisterRequest request(Context ctx) {
        JsonNode body = body(ctx);
        try {
            return JSON.treeToValue(body, RegisterRequest.class);
        } catch (JsonProcessingException e) {
            throw new RegistryError(422, 422, "Unrecognized request body: " + e.getOriginalMessage());
        }
    }

    /** Accepts {@code {"compatibility": ...}} as Confluent documents it, and {@code compatibilityLevel} as GET answers. */
    private static String levelIn(Context ctx) {
        JsonNode body = body(ctx);
        JsonNode level = body.hasNonNull("compatibility") ? body.get("compatibility") : body.get("compatibilityLevel");
        return level == null || level.isNull() ? null : level.asText();
    }

    private static JsonNode body(Context ctx) {
        try {
            JsonNode node = JSON.readTree(ctx.bodyAsBytes());
            if (node == null || !node.isObject()) {
                throw new RegistryError(422, 422, "Request body must be a JSON object");
            }
            return node;
        } catch (JsonMappingException e) {
            throw new RegistryError(422, 422, "Unrecognized request body: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new RegistryError(400, 400, "Malformed JSON request body: " + e.getMessage());
        }
    }

    private static void respond(Context ctx, Object body) throws JsonProcessingException {
        ctx.status(200).contentType(responseType(ctx)).result(JSON.writeValueAsBytes(body));
    }

    /** A schema string is itself JSON; Confluent sends it as the body unchanged. */
    private static void respondRaw(Context ctx, String schema) {
        ctx.status(200).contentType(responseType(ctx)).result(schema);
    }

    private static void error(Context ctx, int status, int code, String message) {
        try {
            ctx.status(status).contentType(responseType(ctx))
                    .result(JSON.writeValueAsBytes(ordered("error_code", code, "message", message)));
        } catch (JsonProcessingException e) {
            ctx.status(500).result("{\"error_code\":500,\"message\":\"Internal Server Error\"}");
        }
    }

    /** Confluent's preference order: the v1 type unless the client asks only for another JSON type. */
    private static String responseType(Context ctx) {
        String accept = ctx.header("Accept");
        if (accept == null || accept.contains(V1_JSON) || accept.contains("*/*") || accept.isBlank()) {
            return V1_JSON;
        }
        if (accept.contains(DEFAULT_JSON)) {
            return DEFAULT_JSON;
        }
        return accept.contains(JSON_TYPE) ? JSON_TYPE : V1_JSON;
    }
}
