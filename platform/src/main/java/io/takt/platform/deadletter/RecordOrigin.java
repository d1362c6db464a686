package io.takt.platform.deadletter;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Where a record was first read, carried in headers through a re-key: a record dead-lettered after
 * a repartition is then reported with its source topic, partition, offset and key, so it can be
 * found and replayed there (and `takt oee reconcile` can leave out exactly that source record).
 * Put {@link #stamp()} right before the {@code selectKey} of a String-keyed stream.
 */
public final class RecordOrigin {

    public static final String TOPIC = "takt.origin.topic";
    public static final String PARTITION = "takt.origin.partition";
    public static final String OFFSET = "takt.origin.offset";
    /** The original key, UTF-8 (as StringSerializer wrote it). */
    public static final String KEY = "takt.origin.key";

    private RecordOrigin() {
    }

    /** A processor that stamps each record with its topic, partition, offset and key. */
    public static <V> FixedKeyProcessor<String, V, V> stamp() {
        return new FixedKeyProcessor<>() {
            private FixedKeyProcessorContext<String, V> context;

            @Override
            public void init(FixedKeyProcessorContext<String, V> context) {
                this.context = context;
            }

            @Override
            public void process(FixedKeyRecord<String, V> record) {
                Headers headers = record.headers();
                context.recordMetadata().ifPresent(metadata -> {
                    headers.remove(TOPIC).remove(PARTITION).remove(OFFSET).remove(KEY);
                    headers.add(TOPIC, metadata.topic().getBytes(StandardCharsets.UTF_8));
                    headers.add(PARTITION, ByteBuffer.allocate(4).putInt(metadata.partition()).array());
                    headers.add(OFFSET, ByteBuffer.allocate(8).putLong(metadata.offset()).array());
                    if (record.key() != null) {
                        headers.add(KEY, record.key().getBytes(StandardCharsets.UTF_8));
                    }
                });
                context.forward(record);
            }
        };
    }

    /** The origin stamped on a record, if any. */
    static Origin of(Headers headers) {
        Header topic = headers.lastHeader(TOPIC);
        Header partition = headers.lastHeader(PARTITION);
        Header offset = headers.lastHeader(OFFSET);
        if (topic == null || partition == null || offset == null) {
            return null;
        }
        Header key = headers.lastHeader(KEY);
        return new Origin(new String(topic.value(), StandardCharsets.UTF_8), ByteBuffer.wrap(partition.value()).getInt(),
                ByteBuffer.wrap(offset.value()).getLong(), key == null ? null : key.value());
    }

    /** A record's source position and key. */
    record Origin(String topic, int partition, long offset, byte[] key) {
    }
}
