package io.takt.genealogy.query;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The OEE (hour windows) and the stops of a station during a lot, asked from streams-oee's query
 * API; what could not be had is said in the answer instead.
 */
final class OeeDuringLot {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final Optional<URI> oee;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    OeeDuringLot(Optional<URI> oee, ObjectMapper json) {
        this.oee = oee;
        this.json = json;
    }

    Map<String, Object> of(String equipmentId, Instant from, Instant to) {
        Map<String, Object> answer = new LinkedHashMap<>();
        if (oee.isEmpty()) {
            answer.put("note", "genealogy.oee.url is not set: no OEE in batch records");
            return answer;
        }
        String period = "from=" + from + "&to=" + to;
        answer.put("source", oee.get().toString());
        answer.put("windows", get("/api/oee/" + encode(equipmentId) + "?window=HOUR&" + period));
        answer.put("downtime", get("/api/downtime?equipment=" + encode(equipmentId) + "&" + period));
        return answer;
    }

    private Object get(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(oee.get().resolve(path))
                    .timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
            Object body = json.readTree(response.body());
            return response.statusCode() == 200 ? body : Map.of("error", "streams-oee answered "
                    + response.statusCode(), "body", body);
        } catch (java.io.IOException e) {
            return Map.of("error", "streams-oee at " + oee.get() + " cannot be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of("error", "interrupted");
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
