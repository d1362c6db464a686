package io.takt.oee;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

import io.takt.oee.query.OeeQueryApi;
import io.takt.oee.topology.OeeSerdes;
import io.takt.platform.http.ReadinessCheck;
import io.takt.platform.http.ServiceEndpoint;
import io.takt.platform.http.ServiceMetrics;

/** The HTTP endpoint of streams-oee: the query API (/api/...), /metrics, /health and /ready. */
final class OeeHttp {

    private OeeHttp() {
    }

    static ServiceEndpoint endpoint(ServiceMetrics metrics, OeeSettings settings, int port, KafkaStreams streams,
                                    OeeSerdes serdes) {
        ServiceEndpoint.Builder http = ServiceEndpoint.builder(metrics)
                .host(settings.httpHost())
                .port(port)
                .readiness("kafka-streams", ReadinessCheck.kafkaStreams(streams));
        OeeQueryApi.register(http, streams, serdes, new HostInfo(settings.advertisedHost(), port));
        return http.build();
    }
}
