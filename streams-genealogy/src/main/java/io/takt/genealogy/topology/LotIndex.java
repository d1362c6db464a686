package io.takt.genealogy.topology;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import io.takt.schemas.MaterialLot;

/** Keeps the global lot store from the material-lot topic: each lot's bytes, and its serial numbers' lot. */
final class LotIndex implements Processor<String, byte[], Void, Void> {

    private final String topic;
    private final Deserializer<MaterialLot> lots;
    private KeyValueStore<String, byte[]> index;

    LotIndex(String topic, Deserializer<MaterialLot> lots) {
        this.topic = topic;
        this.lots = lots;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        index = context.getStateStore(GenealogyTopology.LOT_INDEX);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.value() == null) {
            index.delete(GraphKeys.lot(record.key()));
            return;
        }
        index.put(GraphKeys.lot(record.key()), record.value());
        byte[] lotId = record.key().getBytes(StandardCharsets.UTF_8);
        for (String serial : lots.deserialize(topic, record.value()).getSerialNumbers()) {
            index.put(GraphKeys.serial(serial), lotId);
        }
    }
}
