package io.takt.acquisition.plc4x;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.takt.acquisition.tagmap.TagDefinition;

/**
 * The tags of one source read at the same rate, in one read request per period. Tags are kept in
 * delivery order (attributes, counts, context, states, lots: see {@code TagRole}), and each tag is
 * delivered when its value changed or is the first since (re)connecting.
 */
final class PollGroup {

    private final Duration interval;
    private final List<TagDefinition> tags;
    private final Map<String, Object> delivered = new HashMap<>();
    private Instant due = Instant.MIN;

    PollGroup(Duration interval, List<TagDefinition> tags) {
        this.interval = interval;
        this.tags = tags.stream().sorted(Comparator.comparingInt(t -> t.role().deliveryRank())).toList();
    }

    Duration interval() {
        return interval;
    }

    List<TagDefinition> tags() {
        return tags;
    }

    boolean isDue(Instant now) {
        return !now.isBefore(due);
    }

    Instant due() {
        return due;
    }

    /** Schedules the next read one interval after this one was due, skipping missed periods. */
    void polled(Instant now) {
        Instant next = due.equals(Instant.MIN) ? now.plus(interval) : due.plus(interval);
        due = next.isAfter(now) ? next : now.plus(interval);
    }

    /** Whether the value differs from the one last delivered for this tag; remembers it. */
    boolean changed(String address, Object value) {
        boolean first = !delivered.containsKey(address);
        Object previous = delivered.put(address, value);
        return first || !Objects.equals(previous, value);
    }

    /** After a reconnect, or a tag's NO_DATA: deliver the next value whatever it is. */
    void forget(String address) {
        delivered.remove(address);
    }

    /** A new connection: read at once and deliver every value. */
    void reset() {
        delivered.clear();
        due = Instant.MIN;
    }
}
