package io.takt.erp.confirm;

import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.connect.cli.ConnectStandalone;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.apache.kafka.connect.util.FutureCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.takt.erp.ErpDatabase;
import io.takt.erp.connect.TaktAvroConverter;
import io.takt.platform.config.PlatformConfig;
import io.takt.platform.serde.AvroSerdeConfig;
import io.takt.platform.topic.TopicCatalogue;

/**
 * The way back into the ERP: a Kafka Connect worker in this process (standalone mode, as
 * {@code connect-standalone} runs it) with the Debezium JDBC sink connector, upserting each
 * {@code Confirmation} into the ERP's confirmation table by its confirmation id. The same connector
 * config, with the placeholders filled in, runs on a Kafka Connect cluster
 * ({@code deploy/connect/erp-confirmation-sink.json}).
 */
public final class ConfirmationSink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConfirmationSink.class);
    /** The connector's name: its consumer group is {@code connect-takt-erp-confirmations}. */
    public static final String CONNECTOR = "takt-erp-confirmations";

    /** Confirmation fields the ERP table has, and its column for each. */
    static final Map<String, String> COLUMNS = columns();

    private final Connect<StandaloneHerder> connect;

    private ConfirmationSink(Connect<StandaloneHerder> connect) {
        this.connect = connect;
    }

    /**
     * Starts the worker and the connector, and waits until the connector is created.
     *
     * @param table    the ERP table, schema-qualified, e.g. {@code erp.confirmation}
     * @param stateDir where the worker keeps its (standalone) offsets file
     */
    public static ConfirmationSink start(PlatformConfig platform, ErpDatabase database, String table,
                                         Path stateDir) {
        TopicCatalogue topics = TopicCatalogue.from(platform);
        Connect<StandaloneHerder> connect = new ConnectStandalone().startConnect(workerConfig(platform, stateDir));
        FutureCallback<Herder.Created<ConnectorInfo>> created = new FutureCallback<>();
        Map<String, String> config = new LinkedHashMap<>(connectorConfig(topics, database, table,
                platform.topicReplicationFactor()));
        config.put("name", CONNECTOR);
        connect.herder().putConnectorConfig(CONNECTOR, config, true, created);
        try {
            created.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            connect.stop();
            throw new IllegalStateException("The confirmation sink connector did not start: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connect.stop();
            throw new IllegalStateException("Interrupted while starting the confirmation sink", e);
        }
        LOG.info("Confirmation sink started: {} -> {} at {}", topics.confirmation().name(), table, database.jdbcUrl());
        return new ConfirmationSink(connect);
    }

    static Map<String, String> workerConfig(PlatformConfig platform, Path stateDir) {
        Map<String, String> config = new HashMap<>();
        platform.adminConfigs().forEach((key, value) -> config.put(key, String.valueOf(value)));
        platform.consumerConfigs().forEach((key, value) -> config.put("consumer." + key, String.valueOf(value)));
        config.put("bootstrap.servers", platform.bootstrapServers());
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", TaktAvroConverter.class.getName());
        config.put("value.converter." + AvroSerdeConfig.SCHEMA_REGISTRY_URL, platform.schemaRegistryUrl());
        config.put("offset.storage.file.filename", stateDir.resolve("connect-offsets.dat").toString());
        // Commit the sink's position every 5 s, not Connect's 60 s: its consumer lag then says how far the
        // ERP's rows are behind (a replay after a crash is harmless, the sink upserts).
        config.put("offset.flush.interval.ms", "5000");
        // The plugins are on the class path with service manifests: no scan of every jar at start.
        config.put("plugin.discovery", "service_load");
        // Connect always serves its REST API; keep it local and on a free port.
        config.put("listeners", "http://127.0.0.1:0");
        return config;
    }

    /**
     * The JDBC sink's config: upsert by confirmation id into {@code table}, the Confirmation's
     * fields renamed to the table's columns, records it cannot write to the dead-letter topic.
     */
    public static Map<String, String> connectorConfig(TopicCatalogue topics, ErpDatabase database, String table,
                                                      int replicationFactor) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", "io.debezium.connector.jdbc.JdbcSinkConnector");
        config.put("tasks.max", "1");
        config.put("topics", topics.confirmation().name());
        config.put("connection.url", database.jdbcUrl());
        config.put("connection.username", database.user());
        config.put("connection.password", database.password());
        config.put("insert.mode", "upsert");
        config.put("delete.enabled", "false");
        config.put("primary.key.mode", "record_value");
        config.put("primary.key.fields", COLUMNS.get("confirmationId"));
        config.put("schema.evolution", "none");
        config.put("collection.name.format", table);
        config.put("use.time.zone", "UTC");
        config.put("transforms", "erpColumns");
        config.put("transforms.erpColumns.type", "org.apache.kafka.connect.transforms.ReplaceField$Value");
        config.put("transforms.erpColumns.include", String.join(",", COLUMNS.keySet()));
        config.put("transforms.erpColumns.renames", renames());
        config.put("errors.tolerance", "all");
        config.put("errors.log.enable", "true");
        config.put("errors.deadletterqueue.topic.name", topics.deadLetter().name());
        config.put("errors.deadletterqueue.topic.replication.factor", String.valueOf(replicationFactor));
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        return config;
    }

    private static Map<String, String> columns() {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("confirmationId", "confirmation_id");
        columns.put("workOrderId", "order_no");
        columns.put("operation", "operation_no");
        columns.put("goodQuantity", "good_qty");
        columns.put("scrapQuantity", "scrap_qty");
        columns.put("reworkQuantity", "rework_qty");
        columns.put("unit", "uom");
        columns.put("actualStart", "actual_start");
        columns.put("actualEnd", "actual_end");
        columns.put("machineTimeMillis", "machine_time_ms");
        return Collections.unmodifiableMap(columns);
    }

    private static String renames() {
        StringBuilder renames = new StringBuilder();
        COLUMNS.forEach((field, column) -> renames.append(renames.isEmpty() ? "" : ",").append(field).append(':')
                .append(column));
        return renames.toString();
    }

    /** The connector's and its task's state as Connect reports it, e.g. RUNNING or FAILED with the trace. */
    public Optional<ConnectorStateInfo> status() {
        try {
            return Optional.of(connect.herder().connectorStatus(CONNECTOR));
        } catch (RuntimeException notThereYet) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        connect.stop();
    }
}
