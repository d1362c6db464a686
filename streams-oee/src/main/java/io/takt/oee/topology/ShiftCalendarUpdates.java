package io.takt.oee.topology;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.takt.oee.calendar.CalendarBook;
import io.takt.oee.calendar.ShiftCalendar;

/**
 * Keeps the calendar book current from the shift-calendar topic: a global store (every instance
 * reads every calendar), whose processor puts each new calendar into the book. Restoration skips
 * processors, so on start the processor loads every stored calendar into the book first.
 */
final class ShiftCalendarUpdates implements Processor<String, io.takt.schemas.ShiftCalendar, Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(ShiftCalendarUpdates.class);

    private final CalendarBook book;
    private KeyValueStore<String, io.takt.schemas.ShiftCalendar> store;

    private ShiftCalendarUpdates(CalendarBook book) {
        this.book = book;
    }

    static void add(StreamsBuilder builder, OeeTopology.Settings settings) {
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(OeeTopology.CALENDAR_STORE),
                        Serdes.String(), settings.serdes().shiftCalendar()).withLoggingDisabled(),
                settings.topics().shiftCalendar().name(),
                Consumed.with(Serdes.String(), settings.serdes().shiftCalendar()).withName("oee-shift-calendar-source"),
                () -> new ShiftCalendarUpdates(settings.calendars()));
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(OeeTopology.CALENDAR_STORE);
        try (KeyValueIterator<String, io.takt.schemas.ShiftCalendar> all = store.all()) {
            all.forEachRemaining(entry -> use(entry.key, entry.value));
        }
    }

    @Override
    public void process(Record<String, io.takt.schemas.ShiftCalendar> record) {
        if (use(record.key(), record.value())) {
            store.put(record.key(), record.value());
        }
    }

    private boolean use(String scope, io.takt.schemas.ShiftCalendar record) {
        if (scope == null) {
            return false;
        }
        if (record == null) {
            book.put(scope, null);
            LOG.info("Shift calendar of {} removed; it follows its site's or the configured calendar now", scope);
            return true;
        }
        try {
            book.put(scope, ShiftCalendar.of(record));
            LOG.info("Shift calendar of {} in force (zone {}, {} shifts)", scope, record.getTimeZone(),
                    record.getShifts().size());
            return true;
        } catch (IllegalArgumentException e) {
            LOG.error("Shift calendar of {} ignored, the one before stays in force: {}", scope, e.getMessage());
            return false;
        }
    }
}
