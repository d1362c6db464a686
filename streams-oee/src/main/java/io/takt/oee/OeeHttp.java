package io.takt.oee;

import org.apache.kafka.streams.KafkaStreams;

import io.takt.platform.http.ReadinessCheck;
import io.takt.platform.http.ServiceEndpoint;
import io.takt.platform.http.ServiceMetrics;

/** The HTTP endpoint of streams-oee: /metrics, /health, /ready and the query API. */
final class OeeHttp {

    private OeeHttp() {
    }

    static ServiceEndpoint endpoint(ServiceMetrics metrics, OeeSettings settings, int port, KafkaStreams streams) {
        return ServiceEndpoint.builder(metrics)
                .host(settings.httpHost())
                .port(port)
                .readiness("kafka-streams", ReadinessCheck.kafkaStreams(streams))
                .build();
    }
}
