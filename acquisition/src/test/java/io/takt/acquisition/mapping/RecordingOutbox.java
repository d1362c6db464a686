package io.takt.acquisition.mapping;

import java.util.ArrayList;
import java.util.List;

import org.apache.avro.specific.SpecificRecordBase;

import io.takt.acquisition.delivery.EventOutbox;
import io.takt.acquisition.delivery.OutboundEvent;

/** An outbox that keeps what it is given, for tests; safe to read while sources append. */
public final class RecordingOutbox implements EventOutbox {

    private final List<OutboundEvent> events = new ArrayList<>();
    private final ThreadLocal<List<OutboundEvent>> together = new ThreadLocal<>();
    private final List<List<OutboundEvent>> groups = new ArrayList<>();

    @Override
    public synchronized void append(OutboundEvent event) {
        events.add(event);
        List<OutboundEvent> group = together.get();
        if (group != null) {
            group.add(event);
        }
    }

    /** Records which events were appended within each call, as a group commit would cover them. */
    @Override
    public void appendTogether(Runnable work) {
        List<OutboundEvent> group = new ArrayList<>();
        together.set(group);
        try {
            work.run();
        } finally {
            together.remove();
        }
        synchronized (this) {
            groups.add(List.copyOf(group));
        }
    }

    /** The events of each {@link #appendTogether} call, in call order. */
    public synchronized List<List<OutboundEvent>> groups() {
        return List.copyOf(groups);
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
