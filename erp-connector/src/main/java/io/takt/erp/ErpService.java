package io.takt.erp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.takt.erp.confirm.Confirmations;
import io.takt.erp.confirm.ConfirmationTerms;
import io.takt.platform.config.PlatformConfig;
import io.takt.platform.config.TaktConfig;
import io.takt.platform.deadletter.DeadLetterMetrics;
import io.takt.platform.deadletter.DeadLetterPublisher;
import io.takt.platform.http.CheckResult;
import io.takt.platform.http.ServiceEndpoint;
import io.takt.platform.http.ServiceMetrics;
import io.takt.platform.serde.AvroSerdeConfig;
import io.takt.platform.serde.TaktSerdes;
import io.takt.platform.topic.TopicCatalogue;
import io.takt.platform.topic.TopicProvisioner;
import io.takt.schemas.WorkOrder;

/**
 * The erp-connector as {@code takt erp} and the demo run it: the ERP database (the one
 * {@code erp.jdbc.url} names, or the embedded stand-in), the identity mapping, the change capture
 * writing work orders to Kafka, and the way back: confirmations derived from the machine events and
 * written into the ERP by the confirmation sink; and its HTTP endpoint: /metrics, /health, and /ready
 * while the change capture polls the ERP's log and (with confirmations on) the confirmation stream runs.
 */
public final class ErpService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ErpService.class);
    private static final String APP = "takt-erp";
    private static final CheckResult STARTING = CheckResult.down("starting");

    private final ErpSettings settings;
    private final ServiceMetrics metrics;
    private EmbeddedErp embedded;
    private ErpDatabase database;
    private Producer<String, WorkOrder> producer;
    private DeadLetterPublisher deadLetters;
    // Read by /ready on the endpoint's threads while start() is still creating them.
    private volatile WorkOrderCapture capture;
    private volatile Confirmations confirmations;
    private ServiceEndpoint endpoint;

    private ErpService(ErpSettings settings, ServiceMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
    }

    /**
     * @param config  validated against {@link ErpSettings#DEFINITION}
     * @param metrics where the connector's meters go; the caller owns and closes it
     */
    public static ErpService create(TaktConfig config, ServiceMetrics metrics) {
        return new ErpService(ErpSettings.from(config), metrics);
    }

    public synchronized ErpService start() {
        PlatformConfig platform = settings.platform();
        IdentityMapping mapping = settings.mappingFile()
                .map(file -> IdentityMapping.load(file, ErpSettings.MAPPING_FILE.name()))
                .orElseGet(IdentityMapping::standIn);
        // Checked before anything starts: a mapping without the ERP's unit for pieces is a config error.
        Optional<ConfirmationTerms> terms = settings.confirmations()
                ? Optional.of(ConfirmationTerms.of(mapping, ErpSettings.MAPPING_FILE.name())) : Optional.empty();
        TopicCatalogue topics = TopicCatalogue.from(platform);
        try (Admin admin = Admin.create(platform.adminConfigs())) {
            LOG.info("Topics of site {}: {}", platform.site(), new TopicProvisioner(admin).provision(
                    List.of(topics.workOrder(), topics.workCenterOrders(), topics.machineState(),
                            topics.productionCount(), topics.confirmation(), topics.deadLetter())));
        }
        // Before the ERP database: a port in use fails start-up before anything else runs.
        endpoint = endpoint(terms.isPresent()).start();
        Path state = createDirectories(settings.stateDir());
        Optional<ErpDatabase> external = settings.database();
        if (external.isPresent()) {
            database = external.get();
        } else {
            embedded = EmbeddedErp.start(state.resolve("postgres"), settings.standInSeed());
            database = embedded.database();
        }
        Map<String, Object> producerConfigs = new HashMap<>(platform.producerConfigs());
        producerConfigs.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfigs.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfigs.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, APP + "-" + settings.slotName());
        producer = new KafkaProducer<>(producerConfigs, new StringSerializer(), TaktSerdes.specific(WorkOrder.class,
                Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, platform.schemaRegistryUrl()), false).serializer());
        metrics.bindKafka(producer);
        deadLetters = DeadLetterPublisher.create(platform.producerConfigs(), topics.deadLetter().name(), APP,
                new DeadLetterMetrics(metrics.registry()));
        capture = new WorkOrderCapture(new WorkOrderCapture.Settings(database, settings.slotName(),
                settings.publicationName(), state.resolve("offsets.dat"), topics.workOrder().name(),
                topics.workCenterOrders().name()), mapping, producer, deadLetters).start();
        if (terms.isPresent()) {
            confirmations = Confirmations.start(platform, database, terms.get(), settings.confirmationTable(),
                    settings.confirmationInterval(), state, settings.confirmationSinkInProcess(), metrics);
        }
        LOG.info("erp-connector started: metrics and readiness at {}", endpoint.url());
        return this;
    }

    private ServiceEndpoint endpoint(boolean withConfirmations) {
        ServiceEndpoint.Builder http = ServiceEndpoint.builder(metrics).host(settings.httpHost())
                .port(settings.httpPort())
                .readiness("change-capture", () -> capture == null ? STARTING : capture.readiness());
        if (withConfirmations) {
            http.readiness("confirmation-stream",
                    () -> confirmations == null ? STARTING : confirmations.readiness().check());
        }
        return http.build();
    }

    /** Base URL of /metrics, /health and /ready. */
    public URI url() {
        return endpoint.url();
    }

    public ErpDatabase database() {
        return database;
    }

    /** Whether the ERP database is the embedded stand-in. */
    public boolean embedded() {
        return embedded != null;
    }

    public WorkOrderCapture capture() {
        return capture;
    }

    /** The way back into the ERP, when {@code erp.confirmations} is on. */
    public Optional<Confirmations> confirmations() {
        return Optional.ofNullable(confirmations);
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create erp.state.dir " + dir, e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (confirmations != null) {
            confirmations.close();
        }
        if (capture != null) {
            capture.close();
        }
        if (deadLetters != null) {
            deadLetters.close();
        }
        if (producer != null) {
            producer.close();
        }
        if (embedded != null) {
            embedded.close();
        }
        if (endpoint != null) {
            endpoint.close();
        }
    }
}
