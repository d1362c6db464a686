package io.takt.platform.topic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.takt.platform.config.PlatformConfig;

/**
 * Creates the catalogue's topics that are missing and reports how existing ones differ. Idempotent:
 * an existing topic is never changed, so it is safe to run at every start of every service.
 */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(100);

    private final Admin admin;
    private final Duration timeout;

    /** Uses the caller's admin client, which the caller closes. */
    public TopicProvisioner(Admin admin) {
        this(admin, DEFAULT_TIMEOUT);
    }

    public TopicProvisioner(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /**
     * Creates the missing topics and compares the existing ones with their spec.
     *
     * @throws TopicProvisioningException if a topic to create asks for more replicas than there are
     *                                    brokers, or the cluster does not answer
     */
    public ProvisioningReport provision(Collection<TopicSpec> specs) {
        Set<String> names = await(admin.listTopics().names(), "list topics");
        List<TopicSpec> missing = specs.stream().filter(s -> !names.contains(s.name())).toList();
        List<String> created = new ArrayList<>();
        List<String> existing = specs.stream().map(TopicSpec::name).filter(names::contains)
                .collect(Collectors.toCollection(ArrayList::new));
        if (!missing.isEmpty()) {
            checkReplicationFactor(missing);
            createEach(missing, created, existing);
        }
        Map<String, ExistingTopic> described = describeSoonVisible(existing);
        List<TopicDrift> drifts = specs.stream().filter(s -> described.containsKey(s.name()))
                .flatMap(s -> TopicDrift.between(s, described.get(s.name())).stream()).toList();
        ProvisioningReport report = new ProvisioningReport(created, existing, drifts);
        LOG.info("Topics: {}", report);
        drifts.forEach(d -> LOG.warn("Topic differs from the catalogue: {}", d));
        return report;
    }

    /** Each spec next to the topic the cluster has, if any, with their differences. */
    public List<TopicStatus> list(Collection<TopicSpec> specs) {
        Set<String> names = await(admin.listTopics().names(), "list topics");
        List<String> present = specs.stream().map(TopicSpec::name).filter(names::contains).toList();
        Map<String, ExistingTopic> existing = describe(present);
        List<TopicStatus> statuses = new ArrayList<>();
        for (TopicSpec spec : specs) {
            Optional<ExistingTopic> topic = Optional.ofNullable(existing.get(spec.name()));
            statuses.add(new TopicStatus(spec, topic, topic.map(t -> TopicDrift.between(spec, t)).orElse(List.of())));
        }
        return statuses;
    }

    private void checkReplicationFactor(List<TopicSpec> missing) {
        int brokers = await(admin.describeCluster().nodes(), "describe the cluster").size();
        List<TopicSpec> tooMany = missing.stream().filter(s -> s.replicationFactor() > brokers).toList();
        if (!tooMany.isEmpty()) {
            var key = PlatformConfig.TOPICS_REPLICATION_FACTOR;
            throw new TopicProvisioningException("Cannot create " + tooMany.size() + " topic(s) with replication"
                    + " factor " + tooMany.get(0).replicationFactor() + ": the cluster has only " + brokers
                    + " broker(s). Set " + key.name() + " (" + key.envName() + ") to at most " + brokers
                    + ". Topics: " + tooMany.stream().map(TopicSpec::name).toList());
        }
    }

    private void createEach(List<TopicSpec> missing, List<String> created, List<String> existing) {
        Map<String, KafkaFuture<Void>> results =
                admin.createTopics(missing.stream().map(TopicSpec::newTopic).toList()).values();
        for (TopicSpec spec : missing) {
            try {
                await(results.get(spec.name()), "create topic " + spec.name());
                created.add(spec.name());
            } catch (TopicProvisioningException e) {
                // Another instance starting at the same moment may have created it first.
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                existing.add(spec.name());
            }
        }
    }

    // A topic another client has just created can be unknown to the broker answering for a moment:
    // metadata reaches brokers after the controller has committed it.
    private Map<String, ExistingTopic> describeSoonVisible(Collection<String> names) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return describe(names);
            } catch (TopicProvisioningException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicProvisioningException("Interrupted while waiting for topic metadata", e);
        }
    }

    private Map<String, ExistingTopic> describe(Collection<String> names) {
        if (names.isEmpty()) {
            return Map.of();
        }
        Map<String, TopicDescription> descriptions =
                await(admin.describeTopics(names).allTopicNames(), "describe topics");
        List<ConfigResource> resources =
                names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
        Map<ConfigResource, Config> configs = await(admin.describeConfigs(resources).all(), "describe topic configs");
        Map<String, ExistingTopic> topics = new HashMap<>();
        for (String name : names) {
            TopicDescription d = descriptions.get(name);
            int replicas = d.partitions().stream().mapToInt(p -> p.replicas().size()).min().orElse(0);
            Map<String, String> values = new HashMap<>();
            for (ConfigEntry e : configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name)).entries()) {
                if (e.value() != null) {
                    values.put(e.name(), e.value());
                }
            }
            topics.put(name, new ExistingTopic(name, d.partitions().size(), replicas, values));
        }
        return topics;
    }

    private <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new TopicProvisioningException("Could not " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new TopicProvisioningException("Could not " + what + ": Kafka did not answer within "
                    + timeout.toSeconds() + " s (is kafka.bootstrap.servers right and the cluster up?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicProvisioningException("Interrupted while trying to " + what, e);
        }
    }
}
