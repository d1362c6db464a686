package io.takt.bench;

import java.util.Map;

import io.takt.platform.serde.TaktSerdes;
import io.takt.schemas.MaterialMovement;

/**
 * Sends a plant's movements flat out to one topic, key lot id, Avro values as a gateway writes them,
 * in a thread of its own: the same work for the baseline and for the genealogy's input.
 */
final class MovementSender extends BackgroundSender<MaterialMovement> {

    private final Map<String, ?> serdeConfig;
    private final LotFlow flow;

    MovementSender(String bootstrap, Map<String, ?> serdeConfig, String topic, LotFlow flow) {
        super(bootstrap, topic, "the movements");
        this.serdeConfig = serdeConfig;
        this.flow = flow;
    }

    MovementSender start() {
        start("genealogy-bench-sender", TaktSerdes.specific(MaterialMovement.class, serdeConfig, false).serializer(),
                producer -> flow.forEach(movement -> send(producer, movement.getLotId(), movement)));
        return this;
    }
}
