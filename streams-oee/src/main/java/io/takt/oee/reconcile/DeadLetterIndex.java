package io.takt.oee.reconcile;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

import io.takt.platform.deadletter.DeadLetterHeaders;

/** The source records the stream dead-lettered (late events, unreadable ones), by the position each dead letter names. */
final class DeadLetterIndex {

    private final Set<RecordPosition> rejected = new HashSet<>();
    private final int letters;

    private DeadLetterIndex(List<? extends ConsumerRecord<?, ?>> deadLetters) {
        letters = deadLetters.size();
        for (ConsumerRecord<?, ?> letter : deadLetters) {
            position(letter.headers()).ifPresent(rejected::add);
        }
    }

    static DeadLetterIndex of(List<? extends ConsumerRecord<?, ?>> deadLetters) {
        return new DeadLetterIndex(deadLetters);
    }

    /** True when a dead letter names this record: the stream did not use it, so neither does the batch. */
    boolean rejected(ConsumerRecord<?, ?> record) {
        return rejected.contains(new RecordPosition(record.topic(), record.partition(), record.offset()));
    }

    int letters() {
        return letters;
    }

    int sourceRecords() {
        return rejected.size();
    }

    private static Optional<RecordPosition> position(Headers headers) {
        Optional<String> topic = DeadLetterHeaders.read(headers, DeadLetterHeaders.TOPIC);
        Optional<String> partition = DeadLetterHeaders.read(headers, DeadLetterHeaders.PARTITION);
        Optional<String> offset = DeadLetterHeaders.read(headers, DeadLetterHeaders.OFFSET);
        if (topic.isEmpty() || partition.isEmpty() || offset.isEmpty()) {
            return Optional.empty(); // a dead letter without its source position cannot be matched
        }
        return Optional.of(new RecordPosition(topic.get(), Integer.parseInt(partition.get()),
                Long.parseLong(offset.get())));
    }
}
