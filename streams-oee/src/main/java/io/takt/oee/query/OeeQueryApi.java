package io.takt.oee.query;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.avro.generic.IndexedRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.takt.oee.OeeStores;
import io.takt.oee.topology.OeeSerdes;
import io.takt.schemas.WindowKind;
import io.takt.platform.http.ServiceEndpoint;
import io.takt.schemas.OeeKpi;

/**
 * The OEE query API ({@code /api/oee}, {@code /api/equipment}, {@code /api/downtime},
 * {@code /api/pareto}) on a service's HTTP endpoint. A query about one equipment is answered by
 * the instance that owns it (forwarded there if need be); any other query gathers the parts of
 * all instances. See {@code streams-oee/docs/queries.md}.
 */
public final class OeeQueryApi {

    private static final Logger LOG = LoggerFactory.getLogger(OeeQueryApi.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String JSON = "application/json";
    private static final String OPENAPI_PATH = "/api/openapi.yaml";
    private static final List<String> EQUIPMENT_FIELDS = List.of("equipmentId", "level", "currentState",
            "currentStateSince", "status", "accountedUntil", "oee");
    private static final Comparator<JsonNode> BY_EQUIPMENT = Comparator.comparing(row -> row.path("equipmentId").asText());
    private static final Comparator<JsonNode> NEWEST_STOP_FIRST = Comparator
            .comparing((JsonNode stop) -> Instant.parse(stop.path("start").asText())).reversed()
            .thenComparing(stop -> stop.path("equipment").path("id").asText());

    private final LocalOeeStores local;
    private final StoreOwners owners;
    private final PeerInstances peers;
    private final HostInfo self;
    private final Clock clock;

    private OeeQueryApi(KafkaStreams streams, OeeSerdes serdes, HostInfo self, Clock clock) {
        this.local = new LocalOeeStores(streams, serdes);
        this.owners = new StoreOwners(streams);
        this.peers = new PeerInstances();
        this.self = Objects.requireNonNull(self, "self");
        this.clock = clock;
    }

    /**
     * Adds the query routes to {@code endpoint}. {@code self} must be this instance's
     * {@code application.server} ({@code oee.advertised.host}:{@code oee.http.port}), so it can
     * tell its own keys from other instances'.
     */
    public static OeeQueryApi register(ServiceEndpoint.Builder endpoint, KafkaStreams streams, OeeSerdes serdes,
                                       HostInfo self) {
        return register(endpoint, streams, serdes, self, Clock.systemUTC());
    }

    /** As {@link #register(ServiceEndpoint.Builder, KafkaStreams, OeeSerdes, HostInfo)}, "now" from {@code clock}. */
    public static OeeQueryApi register(ServiceEndpoint.Builder endpoint, KafkaStreams streams, OeeSerdes serdes,
                                       HostInfo self, Clock clock) {
        OeeQueryApi api = new OeeQueryApi(streams, serdes, self, clock);
        endpoint.get("/api/oee/{equipmentId}/live", api.answering(api::live))
                .get("/api/oee/{equipmentId}", api.answering(api::windows))
                .get("/api/equipment", api.answering(api::equipment))
                .get("/api/downtime", api.answering(api::downtime))
                .get("/api/pareto", api.answering(api::pareto))
                .get(OPENAPI_PATH, OeeQueryApi::describe);
        return api;
    }

    private static void describe(Context ctx) throws IOException {
        try (InputStream description = OeeQueryApi.class.getResourceAsStream("/io/takt/oee/openapi.yaml")) {
            if (description == null) {
                respond(ctx, 404, NODES.objectNode().put("error", "openapi.yaml is not on the class path"));
                return;
            }
            ctx.contentType("application/yaml").result(description.readAllBytes());
        }
    }

    private JsonNode live(Context ctx) {
        String id = ctx.pathParam("equipmentId");
        QueryParameters.of(ctx.queryParamMap(), Set.of());
        return onOwner(ctx, OeeStores.LIVE, id, "/api/oee/" + segment(id) + "/live",
                () -> RecordJson.render(local.live(id).orElseThrow(
                        () -> QueryProblem.notFound("No live OEE record for equipment '" + id + "'"))));
    }

    private JsonNode windows(Context ctx) {
        WindowQuery query = WindowQuery.parse(ctx.pathParam("equipmentId"),
                QueryParameters.of(ctx.queryParamMap(), WindowQuery.PARAMETERS), clock.instant());
        String key = OeeStores.kpiKey(query.equipmentId(), query.kind(), query.period().fromMillis());
        return onOwner(ctx, OeeStores.KPI, key, "/api/oee/" + segment(query.equipmentId()) + "?" + query.toQuery(),
                () -> records(local.windows(query)));
    }

    private JsonNode equipment(Context ctx) {
        QueryParameters.of(ctx.queryParamMap(), Set.of());
        List<JsonNode> parts = onAll(ctx, OeeStores.LIVE, "/api/equipment", () -> equipmentRows(local.allLive()));
        return merged(parts, BY_EQUIPMENT, Integer.MAX_VALUE);
    }

    private JsonNode downtime(Context ctx) {
        DowntimeQuery query = DowntimeQuery.parse(
                QueryParameters.of(ctx.queryParamMap(), DowntimeQuery.PARAMETERS), clock.instant());
        String path = "/api/downtime?" + query.toQuery();
        Supplier<JsonNode> here = () -> records(local.stops(query));
        List<JsonNode> parts = query.scope().single()
                ? List.of(onOwner(ctx, OeeStores.DOWNTIME, OeeStores.downtimePrefix(query.scope().id()), path, here))
                : onAll(ctx, OeeStores.DOWNTIME, path, here);
        return merged(parts, NEWEST_STOP_FIRST, query.limit());
    }

    private JsonNode pareto(Context ctx) {
        QueryParameters parameters = QueryParameters.of(ctx.queryParamMap(), ParetoQuery.PARAMETERS);
        ParetoQuery parsed = ParetoQuery.parse(parameters, clock.instant());
        String shift = parameters.text("shift");
        ParetoQuery query = shift == null ? parsed : parsed.over(shiftPeriod(ctx, parsed.scope(), shift));
        String path = "/api/pareto?" + query.toPartialQuery();
        Supplier<JsonNode> here = () -> local.pareto(query).toJson(Integer.MAX_VALUE);
        List<JsonNode> parts = query.scope().single()
                ? List.of(onOwner(ctx, OeeStores.DOWNTIME, OeeStores.downtimePrefix(query.scope().id()), path, here))
                : onAll(ctx, OeeStores.DOWNTIME, path, here);
        LossPareto pareto = new LossPareto(query.period());
        parts.forEach(pareto::addAll);
        // A part for another instance keeps every reason: the top n of the sum need not be in each part's top n.
        return pareto.toJson(isLocal(ctx) ? Integer.MAX_VALUE : query.top());
    }

    /**
     * The period of a shift of the scope's equipment (a machine, line or area): {@code current}, from
     * its live record, or a shift id such as {@code 2026-11-25/early}, from its SHIFT windows.
     */
    private Period shiftPeriod(Context ctx, EquipmentScope scope, String shift) {
        if (scope.id() == null) {
            throw QueryProblem.badParameter("shift", "'shift' needs equipment=, line= or area= to say whose shift");
        }
        String id = scope.id();
        if ("current".equals(shift)) {
            JsonNode live = onOwner(ctx, OeeStores.LIVE, id, "/api/oee/" + segment(id) + "/live",
                    () -> RecordJson.render(local.live(id).orElseThrow(
                            () -> QueryProblem.notFound("No live OEE record for equipment '" + id + "'"))));
            Instant start = Instant.parse(live.get("windowStart").asText());
            Instant until = Instant.parse(live.get("accountedUntil").asText());
            return new Period(start, until.isAfter(start) ? until : start.plusMillis(1));
        }
        return shiftWindow(ctx, id, shift);
    }

    private Period shiftWindow(Context ctx, String id, String shiftId) {
        LocalDate day;
        try {
            day = LocalDate.parse(shiftId.substring(0, Math.max(0, shiftId.indexOf('/'))));
        } catch (DateTimeParseException e) {
            throw QueryProblem.badParameter("shift", "'" + shiftId + "' is neither 'current' nor a shift id such as "
                    + "2026-11-25/early");
        }
        // A shift starts on its date in the calendar's zone: a day either side covers every zone.
        Instant from = day.minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        WindowQuery query = new WindowQuery(id, WindowKind.SHIFT, new Period(from, from.plus(Duration.ofDays(3))));
        String key = OeeStores.kpiKey(id, WindowKind.SHIFT, query.period().fromMillis());
        JsonNode windows = onOwner(ctx, OeeStores.KPI, key, "/api/oee/" + segment(id) + "?" + query.toQuery(),
                () -> records(local.windows(query)));
        for (JsonNode window : windows) {
            if (shiftId.equals(window.path("shiftId").asText(null))) {
                return new Period(Instant.parse(window.get("windowStart").asText()),
                        Instant.parse(window.get("windowEnd").asText()));
            }
        }
        throw QueryProblem.notFound("No shift '" + shiftId + "' of equipment '" + id + "'");
    }

    /** The answer of the instance owning {@code key}: this one's, or the owner's over HTTP. */
    private JsonNode onOwner(Context ctx, String store, String key, String pathAndQuery, Supplier<JsonNode> here) {
        if (isLocal(ctx)) {
            return here.get();
        }
        HostInfo owner = owners.ownerOf(store, key);
        return owner.equals(self) ? here.get() : peers.ask(owner, pathAndQuery);
    }

    /** The parts of every instance holding some of {@code store}. */
    private List<JsonNode> onAll(Context ctx, String store, String pathAndQuery, Supplier<JsonNode> here) {
        if (isLocal(ctx)) {
            return List.of(here.get());
        }
        Set<HostInfo> hosts = owners.activeHostsOf(store);
        List<HostInfo> others = hosts.stream().filter(host -> !host.equals(self)).toList();
        List<JsonNode> parts = new ArrayList<>(peers.askAll(others, pathAndQuery));
        if (hosts.contains(self)) {
            parts.add(here.get());
        }
        return parts;
    }

    private static boolean isLocal(Context ctx) {
        return "true".equalsIgnoreCase(ctx.header(PeerInstances.LOCAL_HEADER));
    }

    private Handler answering(Function<Context, JsonNode> query) {
        return ctx -> {
            try {
                respond(ctx, 200, query.apply(ctx));
            } catch (QueryProblem problem) {
                refuse(ctx, problem);
            } catch (InvalidStateStoreException e) {
                refuse(ctx, QueryProblem.notQueryable("The stores cannot be read now (rebalancing or restoring): "
                        + e.getMessage()));
            } catch (RuntimeException e) {
                LOG.warn("Query {} failed", ctx.path(), e);
                refuse(ctx, new QueryProblem(500, "The query failed: " + e, null));
            }
        };
    }

    private static void refuse(Context ctx, QueryProblem problem) {
        ObjectNode body = NODES.objectNode().put("error", problem.getMessage());
        if (problem.parameter() != null) {
            body.put("parameter", problem.parameter());
        }
        if (problem.retriable()) {
            ctx.header("Retry-After", Long.toString(QueryProblem.RETRY_AFTER.toSeconds()));
        }
        respond(ctx, problem.status(), body);
    }

    private static void respond(Context ctx, int status, JsonNode body) {
        ctx.status(status).contentType(JSON).result(body.toString());
    }

    private static ArrayNode records(List<? extends IndexedRecord> records) {
        ArrayNode array = NODES.arrayNode();
        records.forEach(record -> array.add(RecordJson.render(record)));
        return array;
    }

    private static ArrayNode equipmentRows(List<OeeKpi> live) {
        ArrayNode rows = NODES.arrayNode();
        for (OeeKpi kpi : live) {
            ObjectNode full = RecordJson.render(kpi);
            ObjectNode row = rows.addObject();
            EQUIPMENT_FIELDS.forEach(field -> row.set(field, full.get(field)));
        }
        return rows;
    }

    private static ArrayNode merged(List<JsonNode> parts, Comparator<JsonNode> order, int limit) {
        List<JsonNode> rows = new ArrayList<>();
        parts.forEach(part -> part.forEach(rows::add));
        rows.sort(order);
        ArrayNode merged = NODES.arrayNode();
        rows.stream().limit(limit).forEach(merged::add);
        return merged;
    }

    private static String segment(String equipmentId) {
        return URLEncoder.encode(equipmentId, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
