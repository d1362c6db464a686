package io.takt.platform.registry.server;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.takt.platform.http.CheckResult;
import io.takt.platform.registry.server.StoreFormat.ConfigKey;
import io.takt.platform.registry.server.StoreFormat.DeleteSubjectKey;
import io.takt.platform.registry.server.StoreFormat.SchemaKey;
import io.takt.platform.registry.server.StoreFormat.StoreKey;
import io.takt.schemas.compat.CompatibilityLevel;

/**
 * The registry's durable store: a compacted, single-partition topic that every instance tails from
 * the beginning into its {@link RegistryState}. Writes are produced (idempotently, acks=all) and
 * count as done only once this instance's own reader has applied them, so the caller can then ask
 * the state whether its claim won.
 */
final class SchemasTopic implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SchemasTopic.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final RegistrySettings settings;
    private final RegistryState state;
    private final TopicPartition partition;
    private final Admin admin;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Object positionMonitor = new Object();
    private final Thread reader;
    private volatile boolean running = true;
    private KafkaConsumer<byte[], byte[]> consumer;
    private long position;
    /** Records the topic held beyond the reader's position at its last poll; -1 until start-up read it all. */
    private final AtomicLong behind = new AtomicLong(-1);

    SchemasTopic(RegistrySettings settings, RegistryState state) {
        this.settings = settings;
        this.state = state;
        this.partition = new TopicPartition(settings.topic(), 0);
        this.admin = Admin.create(adminProperties());
        this.producer = new KafkaProducer<>(producerProperties(), new ByteArraySerializer(), new ByteArraySerializer());
        this.reader = new Thread(this::readForever, "schemas-topic-reader-" + settings.topic());
        this.reader.setDaemon(true);
    }

    /** Creates or checks the topic, starts the reader and waits until it has read everything written so far. */
    void start() {
        ensureTopic();
        consumer = new KafkaConsumer<>(consumerProperties(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        reader.start();
        catchUp(settings.storeTimeout());
        // Read to the end offset of a moment ago: caught up, unless a poll has since seen more to read.
        behind.compareAndSet(-1, 0);
    }

    /** Produces one record and returns its offset once this instance's reader has applied it. */
    long append(StoreKey key, Object value) {
        long offset;
        try {
            offset = producer.send(new ProducerRecord<>(settings.topic(), 0, StoreFormat.encodeKey(key),
                    StoreFormat.encodeValue(value))).get(settings.storeTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .offset();
        } catch (ExecutionException | TimeoutException e) {
            throw RegistryError.storeFailed("Write to the Kafka store topic " + settings.topic() + " failed: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryError.storeFailed("Interrupted while writing to the Kafka store", e);
        }
        awaitPosition(offset + 1, settings.storeTimeout());
        return offset;
    }

    /** Waits until the reader has applied every record that was in the topic when this was called. */
    void catchUp(Duration timeout) {
        long end;
        try {
            end = admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).offset();
        } catch (ExecutionException | TimeoutException e) {
            throw RegistryError.timedOut("Could not read the end offset of " + settings.topic() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryError.timedOut("Interrupted while reading the end offset of " + settings.topic(), e);
        }
        awaitPosition(end, timeout);
    }

    /**
     * Ready while the reader runs and had read all the topic held at its last poll. Kafka going away
     * does not make it unready: reads are still answered from what it has read, as Confluent's are.
     */
    CheckResult readiness() {
        long records = behind.get();
        if (!running || !reader.isAlive()) {
            return CheckResult.down("reader of " + settings.topic() + " stopped");
        }
        if (records != 0) {
            return CheckResult.down(records < 0 ? "reading " + settings.topic()
                    : records + " record(s) of " + settings.topic() + " still to read");
        }
        return CheckResult.up("read " + settings.topic() + " up to offset " + currentPosition());
    }

    private long currentPosition() {
        synchronized (positionMonitor) {
            return position;
        }
    }

    private void awaitPosition(long target, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (positionMonitor) {
            while (position < target) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0 || !running) {
                    throw RegistryError.timedOut("Reader of " + settings.topic() + " did not reach offset " + target
                            + " within " + timeout.toMillis() + " ms (at " + position + ")", null);
                }
                try {
                    positionMonitor.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw RegistryError.timedOut("Interrupted while waiting for the store reader", e);
                }
            }
        }
    }

    private void readForever() {
        while (running) {
            try {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    apply(record);
                }
                long next = consumer.position(partition);
                consumer.currentLag(partition).ifPresent(behind::set);
                synchronized (positionMonitor) {
                    position = next;
                    positionMonitor.notifyAll();
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("Reading {} failed, retrying: {}", settings.topic(), e.toString());
                pause();
            }
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        StoreKey key = StoreFormat.decodeKey(record.key());
        byte[] value = record.value();
        try {
            if (key instanceof SchemaKey schemaKey) {
                var outcome = state.applySchema(schemaKey,
                        value == null ? null : StoreFormat.decodeSchemaValue(value), record.offset());
                if (outcome == RegistryState.Outcome.REJECTED) {
                    LOG.debug("Record at offset {} lost its claim on {}", record.offset(), schemaKey);
                }
            } else if (key instanceof ConfigKey configKey) {
                state.applyConfig(configKey.subject(), value == null ? null
                        : CompatibilityLevel.valueOf(StoreFormat.decodeConfigValue(value).compatibilityLevel()));
            } else if (key instanceof DeleteSubjectKey && value != null) {
                var deletion = StoreFormat.decodeDeleteSubjectValue(value);
                state.applyDeleteSubject(deletion.subject(), deletion.version());
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Skipping unreadable record at offset {} of {}: {}", record.offset(), settings.topic(),
                    e.toString());
        }
    }

    private void ensureTopic() {
        long timeout = settings.storeTimeout().toMillis();
        try {
            if (!admin.listTopics().names().get(timeout, TimeUnit.MILLISECONDS).contains(settings.topic())) {
                createTopic(timeout);
            }
            checkTopicOnceVisible(timeout);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Cannot prepare schema store topic " + settings.topic() + ": Kafka at "
                    + settings.bootstrapServers() + " did not answer within " + timeout + " ms (is it running? "
                    + "check kafka.bootstrap.servers)", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot prepare schema store topic " + settings.topic() + " on "
                    + settings.bootstrapServers() + ": " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while preparing " + settings.topic(), e);
        }
    }

    private void createTopic(long timeout) throws InterruptedException, ExecutionException, TimeoutException {
        int brokers = admin.describeCluster().nodes().get(timeout, TimeUnit.MILLISECONDS).size();
        short replicas = settings.replicationFactor();
        if (brokers < replicas) {
            LOG.warn("Creating {} with replication factor {} instead of {}: the cluster has only {} broker(s)",
                    settings.topic(), brokers, replicas, brokers);
            replicas = (short) brokers;
        }
        NewTopic topic = new NewTopic(settings.topic(), 1, replicas)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try {
            admin.createTopics(List.of(topic)).all().get(timeout, TimeUnit.MILLISECONDS);
            LOG.info("Created schema store topic {} (1 partition, replication factor {}, compacted)",
                    settings.topic(), replicas);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
            // Another registry instance created it first: fine, it is checked next.
        }
    }

    // A topic just created (here or by another instance) reaches every broker's metadata a moment
    // after the controller commits it; until then describing it fails with a retriable error.
    private void checkTopicOnceVisible(long timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout);
        while (true) {
            try {
                checkTopic(timeout);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw e;
                }
                pause();
            }
        }
    }

    private void checkTopic(long timeout) throws InterruptedException, ExecutionException, TimeoutException {
        TopicDescription description = admin.describeTopics(Set.of(settings.topic())).allTopicNames()
                .get(timeout, TimeUnit.MILLISECONDS).get(settings.topic());
        if (description.partitions().size() != 1) {
            throw new IllegalStateException("Schema store topic " + settings.topic() + " has "
                    + description.partitions().size() + " partitions; it must have exactly 1 so that every "
                    + "registry instance reads writes in one order");
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, settings.topic());
        Config config = admin.describeConfigs(Set.of(resource)).all().get(timeout, TimeUnit.MILLISECONDS).get(resource);
        String policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
        if (!policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT) || policy.contains(TopicConfig.CLEANUP_POLICY_DELETE)) {
            throw new IllegalStateException("Schema store topic " + settings.topic() + " has cleanup.policy="
                    + policy + "; it must be 'compact', or schemas would be deleted by retention");
        }
    }

    private void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
            try {
                reader.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            consumer.close(Duration.ofSeconds(5));
        }
        synchronized (positionMonitor) {
            positionMonitor.notifyAll();
        }
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }

    private Properties adminProperties() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "takt-registry-admin");
        return p;
    }

    private Properties producerProperties() {
        long timeout = settings.storeTimeout().toMillis();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "takt-registry-writer");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        // delivery.timeout.ms must cover request.timeout.ms + linger.ms.
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1, timeout / 2));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
        return p;
    }

    private Properties consumerProperties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "takt-registry-reader");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        return p;
    }
}
