package io.takt.platform.deadletter;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;

/**
 * Handles results that cannot be written. A result that cannot be serialized, or that the broker
 * refuses as too large, is a problem of that one record: it is dead-lettered and the app goes on.
 * A retriable error is retried. Any other error (authorization, a missing topic) would fail every
 * record alike, so the app stops as Kafka Streams' default does, still leaving a dead letter.
 * Installed by {@link StreamsDeadLetters#configure}.
 */
public class DeadLetterProductionHandler implements ProductionExceptionHandler {

    private StreamsDeadLetterRouting routing;

    @Override
    public void configure(Map<String, ?> configs) {
        routing = StreamsDeadLetterRouting.fromConfigs(configs, getClass());
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                                Exception exception) {
        if (exception instanceof RetriableException) {
            return Response.retry();
        }
        List<ProducerRecord<byte[], byte[]>> letters =
                List.of(routing.deadLetter(context, DeadLetterReason.PRODUCTION, exception));
        return exception instanceof RecordTooLargeException ? Response.resume(letters) : Response.fail(letters);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
                                             SerializationExceptionOrigin origin) {
        return Response.resume(List.of(routing.deadLetter(context, DeadLetterReason.SERIALIZATION, exception)));
    }
}
