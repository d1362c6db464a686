package io.takt.acquisition.mapping;

import java.util.ArrayList;
import java.util.List;

import org.apache.avro.specific.SpecificRecordBase;

import io.takt.acquisition.delivery.EventOutbox;
import io.takt.acquisition.delivery.OutboundEvent;

/** An outbox that keeps what it is given, for tests; safe to read while sources append. */
public final class RecordingOutbox implements EventOutbox {

    private final List<OutboundEvent> events = new ArrayList<>();

    @Override
    public synchronized void append(OutboundEvent event) {
        events.add(event);
    }

    public synchronized List<OutboundEvent> events() {
        return List.copyOf(events);
    }

    /** The values of one type, in append order. */
    public synchronized <T extends SpecificRecordBase> List<T> values(Class<T> type) {
        return events.stream().map(OutboundEvent::value).filter(type::isInstance).map(type::cast).toList();
    }

    public synchronized void clear() {
        events.clear();
    }
}
