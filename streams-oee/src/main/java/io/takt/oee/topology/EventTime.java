package io.takt.oee.topology;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

import io.takt.schemas.MachineStateChanged;
import io.takt.schemas.ProductionCount;
import io.takt.schemas.QualityResult;
import io.takt.schemas.WorkOrder;

/**
 * Event time for Kafka Streams: the source's clock for shop-floor events, the ERP change time for
 * work orders. Kafka Streams then feeds the processor the oldest buffered record of its inputs
 * first, so counts and states of one machine meet in event-time order as far as they can.
 */
public final class EventTime implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        Object value = record.value();
        if (value instanceof MachineStateChanged state) {
            return state.getSourceTimestamp().toEpochMilli();
        }
        if (value instanceof ProductionCount count) {
            return count.getSourceTimestamp().toEpochMilli();
        }
        if (value instanceof QualityResult result) {
            return result.getSourceTimestamp().toEpochMilli();
        }
        if (value instanceof WorkOrder order) {
            return order.getLastChangedAt().toEpochMilli();
        }
        // Tombstones and anything else keep the time they were written with.
        return record.timestamp() >= 0 ? record.timestamp() : partitionTime;
    }
}
