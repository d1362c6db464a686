package io.takt.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

import org.HdrHistogram.Histogram;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.Serializer;

import io.takt.platform.kafka.EmbeddedKafkaBroker;
import io.takt.platform.registry.client.RestSchemaRegistryClient;
import io.takt.platform.registry.server.RegistrySettings;
import io.takt.platform.registry.server.SchemaRegistryServer;
import io.takt.platform.serde.AvroDeserializer;
import io.takt.platform.serde.AvroSerializer;
import io.takt.schemas.MachineStateChanged;

/**
 * The cost of Takt's Confluent-format serdes, over a real registry and broker in this process:
 * serializer and deserializer against plain Avro binary encoding (the floor any Avro serde has),
 * and produce-to-consume through Kafka with the serdes against the same pipeline moving
 * pre-encoded bytes.
 */
public final class SerdeBenchmark {

    private static final String TOPIC = "takt.bench.machine-state.v1";

    /**
     * @param operations serializer/deserializer calls measured per run
     * @param events     events sent through Kafka per end-to-end run
     * @param rate       events per second for the paced (latency) runs; the throughput runs send flat out
     */
    public record Settings(long operations, int events, int rate) {
    }

    private final Settings settings;
    private final BenchReport report;
    private final MachineStateChanged[] sample = MachineEvents.sample(1024);

    public SerdeBenchmark(Settings settings, PrintWriter out) {
        this.settings = settings;
        this.report = new BenchReport(out);
    }

    public void run() throws Exception {
        report.header("Serde benchmark: MachineStateChanged, " + settings.operations() + " operations per run, "
                + settings.events() + " events end to end", BenchReport.machine());
        try (var broker = new EmbeddedKafkaBroker(EmbeddedKafkaBroker.Settings.ephemeral()).start();
             var registry = new SchemaRegistryServer(RegistrySettings.onFreeLocalPort(broker.bootstrapServers()))
                     .start()) {
            var client = new RestSchemaRegistryClient(registry.url());
            serializers(client);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1), new NewTopic(TOPIC + "-raw", 1,
                        (short) 1))).all().get();
            }
            endToEnd(broker.bootstrapServers(), client);
        }
    }

    private void serializers(RestSchemaRegistryClient client) throws Exception {
        long n = settings.operations();
        long warmup = Math.min(n, 200_000);
        var writer = new SpecificDatumWriter<>(MachineStateChanged.class);
        var buffer = new ByteArrayOutputStream(256);
        BinaryEncoder[] encoder = {null};
        Measurement plainWrite = Loop.measure("plain Avro binary encode (baseline)", warmup, n, i -> {
            buffer.reset();
            encoder[0] = EncoderFactory.get().binaryEncoder(buffer, encoder[0]);
            writer.write(sample[(int) (i & 1023)], encoder[0]);
            encoder[0].flush();
            buffer.toByteArray();
        });
        report.row(plainWrite, null);
        var serializer = new AvroSerializer<MachineStateChanged>(client);
        report.row(Loop.measure("AvroSerializer (Confluent wire format)", warmup, n,
                i -> serializer.serialize(TOPIC, sample[(int) (i & 1023)])), plainWrite);

        byte[] plain = plainBytes(writer);
        byte[] framed = serializer.serialize(TOPIC, sample[0]);
        var reader = new SpecificDatumReader<>(MachineStateChanged.class);
        BinaryDecoder[] decoder = {null};
        Measurement plainRead = Loop.measure("plain Avro binary decode (baseline)", warmup, n, i -> {
            decoder[0] = DecoderFactory.get().binaryDecoder(plain, decoder[0]);
            reader.read(null, decoder[0]);
        });
        report.row(plainRead, null);
        var deserializer = new AvroDeserializer<>(MachineStateChanged.class, client);
        report.row(Loop.measure("AvroDeserializer (Confluent wire format)", warmup, n,
                i -> deserializer.deserialize(TOPIC, framed)), plainRead);
    }

    private byte[] plainBytes(SpecificDatumWriter<MachineStateChanged> writer) throws Exception {
        var out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        writer.write(sample[0], encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private void endToEnd(String bootstrap, RestSchemaRegistryClient client) throws Exception {
        var serializer = new AvroSerializer<MachineStateChanged>(client);
        byte[][] preEncoded = new byte[sample.length][];
        for (int i = 0; i < sample.length; i++) {
            preEncoded[i] = serializer.serialize(TOPIC, sample[i]);
        }
        var deserializer = new AvroDeserializer<>(MachineStateChanged.class, client);
        // Warm both paths (JIT, broker log, consumer group) so neither pays for going first.
        pipeline("warm-up", bootstrap, TOPIC + "-raw", new ByteArraySerializer(), new ByteArrayDeserializer(),
                i -> preEncoded[i & 1023], settings.events() / 5, 0);
        pipeline("warm-up", bootstrap, TOPIC, serializer, deserializer, i -> sample[i & 1023],
                settings.events() / 5, 0);
        for (int rate : new int[] {0, settings.rate()}) {
            String how = rate == 0 ? "flat out" : "paced at " + rate + "/s";
            Measurement raw = pipeline("Kafka, pre-encoded bytes, " + how + " (baseline)", bootstrap,
                    TOPIC + "-raw", new ByteArraySerializer(), new ByteArrayDeserializer(),
                    i -> preEncoded[i & 1023], settings.events(), rate);
            report.row(raw, null);
            report.row(pipeline("Kafka, Avro serdes + registry, " + how, bootstrap, TOPIC, serializer,
                    deserializer, i -> sample[i & 1023], settings.events(), rate), raw);
        }
    }

    /**
     * Sends {@code events} records keyed by their index, at {@code rate} per second (0: as fast as
     * the producer takes them), and times each from send to receipt by the consumer.
     */
    private <V> Measurement pipeline(String name, String bootstrap, String topic, Serializer<V> serializer,
            Deserializer<?> deserializer, IntFunction<V> value, int events, int rate) throws Exception {
        // Written by the sender thread, read by this one: atomics make the send time visible.
        AtomicLongArray sentAt = new AtomicLongArray(events);
        Histogram latency = Measurement.newLatencyHistogram();
        AtomicLong received = new AtomicLong();
        Map<String, Object> consumerProps = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + topic + "-" + System.nanoTime(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        try (var consumer = new KafkaConsumer<>(consumerProps, new LongDeserializer(), deserializer);
             var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                     bootstrap, ProducerConfig.LINGER_MS_CONFIG, 2, ProducerConfig.ACKS_CONFIG, "all"),
                     new LongSerializer(), serializer)) {
            consumer.subscribe(List.of(topic));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            // Resolve the start position now: with a lazy "latest", records sent before the first
            // fetch would be skipped and the run would wait for them forever.
            consumer.seekToEnd(consumer.assignment());
            consumer.assignment().forEach(consumer::position);
            long start = System.nanoTime();
            Thread sender = new Thread(() -> {
                long interval = rate == 0 ? 0 : 1_000_000_000L / rate;
                long first = System.nanoTime();
                for (int i = 0; i < events; i++) {
                    long due = first + i * interval;
                    while (System.nanoTime() < due) {
                        LockSupport.parkNanos(due - System.nanoTime());
                    }
                    sentAt.set(i, System.nanoTime());
                    producer.send(new ProducerRecord<>(topic, (long) i, value.apply(i)));
                }
                producer.flush();
            }, "bench-producer");
            sender.start();
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (received.get() < events && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(100))) {
                    latency.recordValue(Math.max(0, System.nanoTime() - sentAt.get((int) (long) record.key())));
                    received.incrementAndGet();
                }
            }
            long elapsed = System.nanoTime() - start;
            sender.join();
            return new Measurement(name, received.get(), elapsed, latency, 0, Measurement.heapUsedAfterGc());
        }
    }
}
