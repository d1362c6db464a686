package io.takt.platform.http;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * A service's Prometheus registry, with JVM meters (memory, GC, threads, class loading, CPU,
 * uptime) bound from the start and Kafka client or Kafka Streams meters bound on request.
 */
public final class ServiceMetrics implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceMetrics.class);

    private final PrometheusMeterRegistry registry;
    private final List<AutoCloseable> binders = new ArrayList<>();

    private ServiceMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * A registry whose every meter carries {@code service=<name>}, so that services sharing one
     * Prometheus job stay apart.
     */
    public static ServiceMetrics create(String service) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("service", service);
        ServiceMetrics metrics = new ServiceMetrics(registry);
        metrics.bind(new JvmMemoryMetrics());
        metrics.bind(new JvmGcMetrics());
        metrics.bind(new JvmThreadMetrics());
        metrics.bind(new ClassLoaderMetrics());
        metrics.bind(new ProcessorMetrics());
        metrics.bind(new UptimeMetrics());
        return metrics;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The meters in Prometheus text format. */
    public String scrape() {
        return registry.scrape();
    }

    /** Binds a producer's client metrics ({@code kafka_producer_*}) until {@link #close()}. */
    public void bindKafka(Producer<?, ?> producer) {
        bind(new KafkaClientMetrics(producer));
    }

    /** Binds a consumer's client metrics ({@code kafka_consumer_*}, including lag). */
    public void bindKafka(Consumer<?, ?> consumer) {
        bind(new KafkaClientMetrics(consumer));
    }

    /** Binds an admin client's metrics. */
    public void bindKafka(Admin admin) {
        if (!(admin instanceof AdminClient client)) {
            throw new IllegalArgumentException("Micrometer binds only AdminClient instances, not "
                    + admin.getClass().getName());
        }
        bind(new KafkaClientMetrics(client));
    }

    /** Binds Kafka Streams' metrics, including those of its embedded clients and state stores. */
    public void bindKafka(KafkaStreams streams) {
        bind(new KafkaStreamsMetrics(streams, Tags.empty()));
    }

    /** Binds any other binder; it is closed with this registry if it is {@link AutoCloseable}. */
    public synchronized void bind(MeterBinder binder) {
        binder.bindTo(registry);
        if (binder instanceof AutoCloseable closeable) {
            binders.add(closeable);
        }
    }

    @Override
    public synchronized void close() {
        for (AutoCloseable binder : binders) {
            try {
                binder.close();
            } catch (Exception e) {
                LOG.warn("Could not close metrics binder {}: {}", binder.getClass().getSimpleName(), e.toString());
            }
        }
        binders.clear();
        registry.close();
    }
}
