package io.takt.platform.deadletter;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * Sends a record whose bytes cannot be deserialized (a poison pill) to the dead-letter topic and
 * goes on with the next one. Installed by {@link StreamsDeadLetters#configure}.
 */
public class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    private StreamsDeadLetterRouting routing;

    @Override
    public void configure(Map<String, ?> configs) {
        routing = StreamsDeadLetterRouting.fromConfigs(configs, getClass());
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                Exception exception) {
        return Response.resume(List.of(routing.deadLetter(context, DeadLetterReason.DESERIALIZATION, exception)));
    }
}
