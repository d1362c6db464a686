package io.takt.genealogy.query;

/** A query that cannot be answered, with the HTTP status and a message that says why. */
final class QueryProblem extends RuntimeException {

    private final int status;

    QueryProblem(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static QueryProblem badRequest(String message) {
        return new QueryProblem(400, message);
    }

    static QueryProblem notFound(String message) {
        return new QueryProblem(404, message);
    }

    int status() {
        return status;
    }
}
