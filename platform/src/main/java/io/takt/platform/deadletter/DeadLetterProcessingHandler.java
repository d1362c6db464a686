package io.takt.platform.deadletter;

import java.util.List;
import java.util.Map;

import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Sends the source record of a processor that threw to the dead-letter topic and goes on with the
 * next record, so that one bad event does not stop a plant's stream. Installed by
 * {@link StreamsDeadLetters#configure}.
 */
public class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    private StreamsDeadLetterRouting routing;

    @Override
    public void configure(Map<String, ?> configs) {
        routing = StreamsDeadLetterRouting.fromConfigs(configs, getClass());
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        String reason = exception instanceof RejectedRecordException rejected
                ? rejected.reason() : DeadLetterReason.PROCESSING;
        return Response.resume(List.of(routing.deadLetter(context, reason, exception)));
    }
}
