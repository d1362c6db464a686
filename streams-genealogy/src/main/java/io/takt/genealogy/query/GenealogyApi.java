package io.takt.genealogy.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.takt.genealogy.GenealogySettings;
import io.takt.genealogy.trace.BatchRecord;
import io.takt.genealogy.trace.LotGraph;
import io.takt.genealogy.trace.LotTrace;
import io.takt.genealogy.trace.RecallScope;
import io.takt.genealogy.trace.TraceExport;
import io.takt.platform.http.ServiceEndpoint;
import io.takt.schemas.LotInspection;
import io.takt.schemas.MaterialLot;
import io.takt.schemas.WorkOrder;

/**
 * The genealogy's REST API: lots, traces (JSON, GraphML, DOT), recall scopes, serial numbers and
 * batch records. Every instance holds the whole graph, so any instance answers any query alone.
 */
public final class GenealogyApi {

    private static final Logger LOG = LoggerFactory.getLogger(GenealogyApi.class);
    private static final String JSON = "application/json";

    private final Supplier<LotGraph> graph;
    private final int maxDepth;
    private final java.util.Set<String> shipmentMaterials;
    private final OeeDuringLot oee;
    private final ObjectMapper json = new ObjectMapper();

    private GenealogyApi(Supplier<LotGraph> graph, GenealogySettings settings) {
        this.graph = graph;
        this.maxDepth = settings.maxDepth();
        this.shipmentMaterials = new HashSet<>(settings.shipmentMaterials());
        this.oee = new OeeDuringLot(settings.oeeUrl(), json);
    }

    /** Adds the routes; {@code graph} gives the stores as they are now (they move while a rebalance restores). */
    public static void register(ServiceEndpoint.Builder endpoint, Supplier<LotGraph> graph, GenealogySettings settings) {
        GenealogyApi api = new GenealogyApi(graph, settings);
        endpoint.get("/api/lots/{lotId}", api.answering(api::lot))
                .get("/api/lots/{lotId}/trace", api.traceHandler())
                .get("/api/lots/{lotId}/batch-record", api.answering(api::batchRecord))
                .get("/api/serials/{serial}", api.answering(api::serial))
                .get("/api/recall", api.answering(api::recall));
    }

    private Object lot(Context ctx) {
        String lotId = ctx.pathParam("lotId");
        return TraceExport.lot(lotId, known(graph.get(), lotId));
    }

    private Handler traceHandler() {
        return ctx -> answer(ctx, () -> {
            LotTrace.Result trace = trace(ctx);
            String format = ctx.queryParamAsClass("format", String.class).getOrDefault("json").toLowerCase(Locale.ROOT);
            switch (format) {
                case "json" -> respond(ctx, TraceExport.json(trace));
                case "graphml" -> ctx.contentType("application/graphml+xml").result(TraceExport.graphml(trace));
                case "dot" -> ctx.contentType("text/vnd.graphviz").result(TraceExport.dot(trace));
                default -> throw QueryProblem.badRequest("format must be json, graphml or dot, not '" + format + "'");
            }
        });
    }

    private LotTrace.Result trace(Context ctx) {
        String lotId = ctx.pathParam("lotId");
        LotGraph lots = graph.get();
        known(lots, lotId);
        String direction = ctx.queryParamAsClass("direction", String.class).getOrDefault("backward");
        LotTrace.Direction way = switch (direction.toLowerCase(Locale.ROOT)) {
            case "backward" -> LotTrace.Direction.BACKWARD;
            case "forward" -> LotTrace.Direction.FORWARD;
            default -> throw QueryProblem.badRequest("direction must be backward or forward, not '" + direction + "'");
        };
        return LotTrace.trace(lots, lotId, way, depth(ctx, 10));
    }

    private Object batchRecord(Context ctx) {
        String lotId = ctx.pathParam("lotId");
        BatchRecord record = BatchRecord.of(graph.get(), lotId)
                .orElseThrow(() -> QueryProblem.notFound("Lot '" + lotId + "' is not known"));
        MaterialLot lot = record.lot();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("lot", TraceExport.lot(lotId, lot));
        answer.put("workOrder", record.workOrder().map(GenealogyApi::workOrder).orElse(null));
        List<Object> materials = new ArrayList<>();
        record.materials().forEach(material -> {
            Map<String, Object> input = TraceExport.lot(material.edge().getParentLotId(), material.lot().orElse(null));
            input.put("quantityBooked", Map.of("value", material.edge().getQuantity().getValue(),
                    "uom", material.edge().getQuantity().getUom()));
            materials.add(input);
        });
        answer.put("materials", materials);
        List<Object> inspections = new ArrayList<>();
        lot.getInspections().forEach(inspection -> inspections.add(inspection(inspection)));
        answer.put("inspections", inspections);
        if (lot.getEquipment() != null && lot.getProducedFrom() != null) {
            Instant until = lot.getProducedUntil() != null ? lot.getProducedUntil() : Instant.now();
            answer.put("oee", oee.of(lot.getEquipment().getId(), lot.getProducedFrom(), until));
        }
        return answer;
    }

    private Object serial(Context ctx) {
        String serial = ctx.pathParam("serial");
        String lotId = graph.get().lotOfSerial(serial)
                .orElseThrow(() -> QueryProblem.notFound("Serial number '" + serial + "' is in no known lot"));
        return Map.of("serialNumber", serial, "lotId", lotId);
    }

    private Object recall(Context ctx) {
        String lots = ctx.queryParam("lots");
        if (lots == null || lots.isBlank()) {
            throw QueryProblem.badRequest("lots is required: the suspect lot ids, comma-separated");
        }
        List<String> suspects = Arrays.stream(lots.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        RecallScope.Result scope = RecallScope.of(graph.get(), suspects, depth(ctx, maxDepth), shipmentMaterials);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("suspects", scope.suspects());
        answer.put("truncated", scope.truncated());
        answer.put("affectedLots", scope.affected().stream().map(RecallScope.Lot::lotId).toList());
        answer.put("finishedLots", scope.finished().stream()
                .map(lot -> TraceExport.lot(lot.lotId(), lot.lot().orElse(null))).toList());
        answer.put("shipments", scope.shipments().stream()
                .map(lot -> TraceExport.lot(lot.lotId(), lot.lot().orElse(null))).toList());
        return answer;
    }

    private int depth(Context ctx, int fallback) {
        String text = ctx.queryParam("depth");
        if (text == null) {
            return Math.min(fallback, maxDepth);
        }
        try {
            int depth = Integer.parseInt(text);
            if (depth < 0 || depth > maxDepth) {
                throw QueryProblem.badRequest("depth must be 0 to " + maxDepth + " (genealogy.trace.max-depth), not "
                        + depth);
            }
            return depth;
        } catch (NumberFormatException e) {
            throw QueryProblem.badRequest("depth must be a whole number, not '" + text + "'");
        }
    }

    private static MaterialLot known(LotGraph lots, String lotId) {
        return lots.lot(lotId).orElseThrow(() -> QueryProblem.notFound("Lot '" + lotId + "' is not known"));
    }

    private static Map<String, Object> workOrder(WorkOrder order) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("workOrderId", order.getWorkOrderId());
        json.put("productId", order.getProductId());
        json.put("description", order.getDescription());
        json.put("plannedQuantity", Map.of("value", order.getPlannedQuantity().getValue(),
                "uom", order.getPlannedQuantity().getUom()));
        json.put("status", order.getStatus().name());
        json.put("equipmentId", order.getEquipmentId());
        return json;
    }

    private static Map<String, Object> inspection(LotInspection inspection) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("characteristic", inspection.getCharacteristic());
        json.put("verdict", inspection.getVerdict().name());
        json.put("measuredValue", inspection.getMeasuredValue());
        json.put("uom", inspection.getUom());
        json.put("serialNumber", inspection.getSerialNumber());
        json.put("checkedAt", inspection.getCheckedAt().toString());
        return json;
    }

    private Handler answering(Function<Context, Object> query) {
        return ctx -> answer(ctx, () -> respond(ctx, query.apply(ctx)));
    }

    private void answer(Context ctx, Runnable query) {
        try {
            query.run();
        } catch (QueryProblem problem) {
            refuse(ctx, problem.status(), problem.getMessage());
        } catch (InvalidStateStoreException e) {
            refuse(ctx, 503, "The lot graph cannot be read now (starting or restoring): " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("Query {} failed", ctx.path(), e);
            refuse(ctx, 500, "The query failed: " + e);
        }
    }

    private void respond(Context ctx, Object body) {
        try {
            ctx.status(200).contentType(JSON).result(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the answer as JSON", e);
        }
    }

    private void refuse(Context ctx, int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", message);
        respond(ctx, body);
        ctx.status(status);
    }
}
