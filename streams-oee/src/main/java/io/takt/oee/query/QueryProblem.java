package io.takt.oee.query;

import java.time.Duration;

/** Why a query cannot be answered, with the HTTP status and, for a bad request, the parameter at fault. */
final class QueryProblem extends RuntimeException {

    static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    private final int status;
    private final String parameter;

    QueryProblem(int status, String message, String parameter) {
        super(message);
        this.status = status;
        this.parameter = parameter;
    }

    static QueryProblem badParameter(String parameter, String message) {
        return new QueryProblem(400, message, parameter);
    }

    static QueryProblem notFound(String message) {
        return new QueryProblem(404, message, null);
    }

    /** The stores cannot be read right now (rebalancing, restoring, another instance not answering). */
    static QueryProblem notQueryable(String message) {
        return new QueryProblem(503, message, null);
    }

    int status() {
        return status;
    }

    /** The query parameter at fault, or null. */
    String parameter() {
        return parameter;
    }

    boolean retriable() {
        return status == 503;
    }
}
