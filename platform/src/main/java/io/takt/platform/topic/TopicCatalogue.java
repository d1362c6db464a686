package io.takt.platform.topic;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.kafka.common.config.TopicConfig;

import io.takt.platform.config.PlatformConfig;

/**
 * Every Takt topic of one site, in one place (model: kafka-streams-examples {@code Schemas.Topics}).
 * Names follow {@code takt.<site>.<topic>.v<version>}; a breaking change of a value's contract gets
 * a new version, i.e. a new topic, rather than a rewrite of the old one.
 */
public final class TopicCatalogue {

    private static final Pattern SITE = Pattern.compile(PlatformConfig.SITE_PATTERN);
    private static final Duration WEEK = Duration.ofDays(7);
    private static final Duration MONTH = Duration.ofDays(30);

    private final String site;
    private final int partitions;
    private final int replicationFactor;
    private final TopicSpec machineState;
    private final TopicSpec productionCount;
    private final TopicSpec materialMovement;
    private final TopicSpec qualityResult;
    private final TopicSpec workOrder;
    private final TopicSpec workCenterOrders;
    private final TopicSpec shiftCalendar;
    private final TopicSpec oee;
    private final TopicSpec oeeLive;
    private final TopicSpec downtime;
    private final TopicSpec genealogy;
    private final TopicSpec materialLot;
    private final TopicSpec confirmation;
    private final TopicSpec deadLetter;

    private TopicCatalogue(String site, int partitions, int replicationFactor) {
        this.site = site;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        machineState = events("machine-state", "equipment id", "MachineStateChanged", WEEK,
                "Every state change of a machine (running, stopped, ...), as reported at the edge.");
        productionCount = events("production-count", "equipment id", "ProductionCount", WEEK,
                "Good and reject counts reported by machines.");
        materialMovement = events("material-movement", "lot id", "MaterialMovement", MONTH,
                "Lots consumed and produced at a step: the raw material of genealogy.");
        qualityResult = events("quality-result", "lot id", "QualityResult", MONTH,
                "Inspection and test results per lot, from machines or the QMS.");
        workOrder = table("work-order", "order id", "WorkOrder", Map.of(),
                "Latest state of each ERP work order, from CDC.");
        workCenterOrders = table("work-center-orders", "equipment id + order id", "WorkOrder", Map.of(),
                "The open work orders of each work center (machine); an order's key is deleted when it is "
                        + "completed, closed, cancelled or moved. Partitioned by the equipment id.");
        shiftCalendar = table("shift-calendar", "site/line", "ShiftCalendar", Map.of(),
                "Shift patterns and planned stops per line.");
        oee = table("oee", "equipment id + window kind + window start", "OeeKpi", Map.of(),
                "OEE of closed windows (minute, hour, shift, day) per machine, line and site.");
        // Rewritten about every second per machine: roll segments hourly so that compaction, which
        // never touches the active segment, can reclaim the superseded records the same day.
        oeeLive = table("oee-live", "equipment id", "OeeKpi",
                Map.of(TopicConfig.SEGMENT_MS_CONFIG, String.valueOf(Duration.ofHours(1).toMillis())),
                "OEE of the current shift so far, per machine, line and site.");
        downtime = table("downtime", "equipment id + stop start", "DowntimeEvent", Map.of(),
                "Each stop of a machine with its reason and, once it ends, its duration.");
        genealogy = table("genealogy", "child lot + parent lot", "GenealogyEdge", Map.of(),
                "Edges of the lot graph: which parent lots went into which child lot.");
        materialLot = table("material-lot", "lot id", "MaterialLot", Map.of(),
                "Nodes of the lot graph: each lot's material, quantities, producing order, station, time and quality.");
        confirmation = table("confirmation", "confirmation id", "Confirmation", Map.of(),
                "Production confirmations to post back to the ERP.");
        deadLetter = events("dlq", "original key", "original bytes (reason in headers)", MONTH,
                "Records no app could process, unchanged, with the reason in headers.");
    }

    /**
     * The catalogue of one site.
     *
     * @param site              site name (lower-case letters, digits, inner hyphens)
     * @param partitions        partitions of each topic
     * @param replicationFactor replicas of each topic
     */
    public static TopicCatalogue forSite(String site, int partitions, int replicationFactor) {
        if (site == null || !SITE.matcher(site).matches()) {
            throw new IllegalArgumentException("Site '" + site
                    + "' must be lower-case letters, digits and inner hyphens, e.g. plant-7");
        }
        return new TopicCatalogue(site, partitions, replicationFactor);
    }

    /** The catalogue of the configured site, partitions and replication factor. */
    public static TopicCatalogue from(PlatformConfig platform) {
        return forSite(platform.site(), platform.topicPartitions(), platform.topicReplicationFactor());
    }

    public String site() {
        return site;
    }

    /** {@code takt.<site>.machine-state.v1}: MachineStateChanged by equipment id; delete, 7 d. */
    public TopicSpec machineState() {
        return machineState;
    }

    /** {@code takt.<site>.production-count.v1}: ProductionCount by equipment id; delete, 7 d. */
    public TopicSpec productionCount() {
        return productionCount;
    }

    /** {@code takt.<site>.material-movement.v1}: MaterialMovement by lot id; delete, 30 d. */
    public TopicSpec materialMovement() {
        return materialMovement;
    }

    /** {@code takt.<site>.quality-result.v1}: QualityResult by lot id; delete, 30 d. */
    public TopicSpec qualityResult() {
        return qualityResult;
    }

    /** {@code takt.<site>.work-order.v1}: WorkOrder by order id; compact. */
    public TopicSpec workOrder() {
        return workOrder;
    }

    /** {@code takt.<site>.work-center-orders.v1}: open WorkOrders by equipment id + order id; compact. */
    public TopicSpec workCenterOrders() {
        return workCenterOrders;
    }

    /** {@code takt.<site>.shift-calendar.v1}: ShiftCalendar by site/line; compact. */
    public TopicSpec shiftCalendar() {
        return shiftCalendar;
    }

    /** {@code takt.<site>.oee.v1}: OeeKpi by equipment id + window kind + window start; compact. */
    public TopicSpec oee() {
        return oee;
    }

    /** {@code takt.<site>.oee-live.v1}: OeeKpi (shift so far) by equipment id; compact. */
    public TopicSpec oeeLive() {
        return oeeLive;
    }

    /** {@code takt.<site>.downtime.v1}: DowntimeEvent by equipment id + stop start; compact. */
    public TopicSpec downtime() {
        return downtime;
    }

    /** {@code takt.<site>.genealogy.v1}: GenealogyEdge by child lot + parent lot; compact. */
    public TopicSpec genealogy() {
        return genealogy;
    }

    /** {@code takt.<site>.material-lot.v1}: MaterialLot by lot id; compact. */
    public TopicSpec materialLot() {
        return materialLot;
    }

    /** {@code takt.<site>.confirmation.v1}: Confirmation by confirmation id; compact. */
    public TopicSpec confirmation() {
        return confirmation;
    }

    /** {@code takt.<site>.dlq.v1}: dead letters with their original key and bytes; delete, 30 d. */
    public TopicSpec deadLetter() {
        return deadLetter;
    }

    /** Every topic, inputs first, dead-letter topic last. */
    public List<TopicSpec> all() {
        return List.of(machineState, productionCount, materialMovement, qualityResult, workOrder, workCenterOrders,
                shiftCalendar, oee, oeeLive, downtime, genealogy, materialLot, confirmation, deadLetter);
    }

    /** The topic with this full name, if it is one of this site's. */
    public Optional<TopicSpec> byName(String name) {
        return all().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    private String name(String topic) {
        return "takt." + site + "." + topic + ".v1";
    }

    private TopicSpec events(String topic, String key, String value, Duration retention, String doc) {
        return new TopicSpec(name(topic), key, value, partitions, replicationFactor, CleanupPolicy.DELETE,
                Optional.of(retention), Map.of(), doc);
    }

    private TopicSpec table(String topic, String key, String value, Map<String, String> extra, String doc) {
        return new TopicSpec(name(topic), key, value, partitions, replicationFactor, CleanupPolicy.COMPACT,
                Optional.empty(), extra, doc);
    }
}
