package io.takt.oee.topology;

import java.util.Arrays;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

import io.takt.platform.topic.TopicCatalogue;
import io.takt.schemas.QualityResult;
import io.takt.schemas.WorkOrder;

/**
 * The value serde of the one repartition topic that takes quality results and work orders to their
 * machine: a tag byte ({@code Q} or {@code W}), then the record as its own topic carries it (same
 * schema ids, no new subject).
 *
 * <p>Why one topic for both: each repartition topic is an input partition of the machine's task,
 * and these two are nearly always empty; Kafka Streams checks every empty input partition before
 * each record it processes, which cost this app a sixth of its CPU with two of them.
 */
final class MachineSideEvents {

    private static final byte QUALITY = 'Q';
    private static final byte ORDER = 'W';

    private MachineSideEvents() {
    }

    static Serde<SpecificRecord> serde(OeeSerdes serdes, TopicCatalogue topics) {
        String qualityTopic = topics.qualityResult().name();
        String orderTopic = topics.workOrder().name();
        Serializer<QualityResult> quality = serdes.qualityResult().serializer();
        Serializer<WorkOrder> orders = serdes.workOrder().serializer();
        Deserializer<QualityResult> qualityReader = serdes.qualityResult().deserializer();
        Deserializer<WorkOrder> orderReader = serdes.workOrder().deserializer();
        Serializer<SpecificRecord> writer = (topic, record) -> {
            if (record instanceof QualityResult result) {
                return tagged(QUALITY, quality.serialize(qualityTopic, result));
            }
            if (record instanceof WorkOrder order) {
                return tagged(ORDER, orders.serialize(orderTopic, order));
            }
            throw new SerializationException("Only quality results and work orders go to their machine this way, not "
                    + (record == null ? "null" : record.getClass().getSimpleName()));
        };
        Deserializer<SpecificRecord> reader = (topic, bytes) -> {
            if (bytes == null || bytes.length < 2) {
                throw new SerializationException("A machine side event needs a tag byte and a record");
            }
            byte[] record = Arrays.copyOfRange(bytes, 1, bytes.length);
            return switch (bytes[0]) {
                case QUALITY -> qualityReader.deserialize(qualityTopic, record);
                case ORDER -> orderReader.deserialize(orderTopic, record);
                default -> throw new SerializationException("Unknown machine side event tag " + bytes[0]);
            };
        };
        return Serdes.serdeFrom(writer, reader);
    }

    private static byte[] tagged(byte tag, byte[] record) {
        byte[] bytes = new byte[record.length + 1];
        bytes[0] = tag;
        System.arraycopy(record, 0, bytes, 1, record.length);
        return bytes;
    }
}
