package io.takt.dashboard;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/**
 * {@code GET /api/trace/{lot}?direction=backward|forward}: asks streams-genealogy's trace API
 * ({@code <dashboard.genealogy.url>/api/lots/{lot}/trace}) on the browser's behalf and hands its
 * answer back unchanged, so the page needs no cross-origin access to another service.
 */
final class TraceProxy {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String JSON = "application/json";

    private final Optional<URI> genealogy;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final ObjectMapper json = new ObjectMapper();

    TraceProxy(Optional<URI> genealogy) {
        this.genealogy = genealogy;
    }

    boolean configured() {
        return genealogy.isPresent();
    }

    void trace(Context ctx) throws IOException, InterruptedException {
        if (genealogy.isEmpty()) {
            refuse(ctx, HttpStatus.SERVICE_UNAVAILABLE, "Lot trace is not configured: set "
                    + DashboardSettings.GENEALOGY_URL.name() + " to the genealogy service's URL");
            return;
        }
        String direction = Optional.ofNullable(ctx.queryParam("direction")).orElse("backward");
        if (!direction.equals("backward") && !direction.equals("forward")) {
            refuse(ctx, HttpStatus.BAD_REQUEST, "direction must be backward or forward, not '" + direction + "'");
            return;
        }
        URI target = genealogy.get().resolve("/api/lots/" + pathSegment(ctx.pathParam("lot")) + "/trace?direction="
                + direction);
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(HttpRequest.newBuilder(target).timeout(TIMEOUT).header("Accept", JSON).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            refuse(ctx, HttpStatus.BAD_GATEWAY, "The genealogy service at " + genealogy.get() + " cannot be reached: "
                    + e.getMessage());
            return;
        }
        ctx.status(answer.statusCode())
                .contentType(answer.headers().firstValue("Content-Type").orElse(JSON))
                .result(answer.body());
    }

    private void refuse(Context ctx, HttpStatus status, String message) throws JsonProcessingException {
        ctx.status(status).contentType(JSON).result(json.writeValueAsString(Map.of("error", message)));
    }

    private static String pathSegment(String text) {
        // URLEncoder encodes for forms: a space becomes '+', which a path would keep as a plus.
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
