package io.takt.acquisition.source;

import java.time.Instant;

/**
 * A source's health at one moment.
 *
 * @param sourceId   the source
 * @param state      its link now
 * @param since      when it entered that state
 * @param samples    samples delivered since start
 * @param reconnects connections re-established since start
 * @param lastError  the last connection error, or null
 */
public record SourceStatus(String sourceId, ConnectionState state, Instant since, long samples, long reconnects,
        String lastError) {
}
