package io.takt.erp.confirm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

import io.takt.schemas.Confirmation;
import io.takt.schemas.IdealCycleTime;
import io.takt.schemas.MachineStateChanged;
import io.takt.schemas.ProductionCount;
import io.takt.schemas.SourceRef;
import io.takt.schemas.WorkOrder;

/**
 * Adds up, per machine and work order, what the machine made (its counts) and how long it ran
 * (its state changes), and sends each changed order's {@link Confirmation} once an interval (wall
 * clock), the newest totals only. Events of one machine come in the order the gateway wrote them; a
 * count names its order ({@code workOrderId}), and running time goes to the order the machine last
 * counted for. Which confirmations changed since the last sending is kept in a store, not in memory,
 * so that a crash between a change and its sending (both in one exactly-once commit) loses neither.
 */
final class OrderConfirmations implements Processor<String, SpecificRecord, String, Confirmation> {

    private final ConfirmationTopology.Settings settings;
    private ProcessorContext<String, Confirmation> context;
    private KeyValueStore<String, Confirmation> tallies;
    private KeyValueStore<String, MachineRun> machines;
    private KeyValueStore<String, Long> changed;
    private TimestampedKeyValueStore<String, byte[]> workOrders;

    OrderConfirmations(ConfirmationTopology.Settings settings) {
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, Confirmation> context) {
        this.context = context;
        this.tallies = context.getStateStore(ConfirmationTopology.TALLIES);
        this.machines = context.getStateStore(ConfirmationTopology.MACHINES);
        this.workOrders = context.getStateStore(ConfirmationTopology.WORK_ORDERS);
        this.changed = context.getStateStore(ConfirmationTopology.CHANGED);
        context.schedule(settings.interval(), PunctuationType.WALL_CLOCK_TIME, now -> sendChanged());
    }

    private void sendChanged() {
        List<String> ids = new ArrayList<>();
        try (KeyValueIterator<String, Long> pending = changed.all()) {
            pending.forEachRemaining(entry -> ids.add(entry.key));
        }
        for (String id : ids) {
            Confirmation tally = tallies.get(id);
            if (tally != null) {
                context.forward(new Record<>(id, tally, context.currentSystemTimeMs()));
            }
            changed.delete(id);
        }
    }

    @Override
    public void process(Record<String, SpecificRecord> event) {
        String machine = event.key();
        MachineRun run = machines.get(machine);
        if (run == null) {
            run = MachineRun.unseen();
        }
        if (event.value() instanceof ProductionCount count) {
            onCount(machine, run, count);
        } else if (event.value() instanceof MachineStateChanged change) {
            onStateChange(machine, run, change);
        }
        machines.put(machine, run);
    }

    private void onCount(String machine, MachineRun run, ProductionCount count) {
        if (!run.firstSeen(sourceOf(count.getSource()), count.getSequence())) {
            settings.counters().duplicate();
            return;
        }
        String order = count.getWorkOrderId();
        if (order == null) {
            settings.counters().withoutOrder();
            return;
        }
        long time = count.getSourceTimestamp().toEpochMilli();
        if (!order.equals(run.workOrderId())) {
            addRunningTime(machine, run, time);
            run.produce(order);
        }
        Confirmation tally = tallyOf(order, machine, count.getSourceTimestamp());
        tally.setGoodQuantity(tally.getGoodQuantity() + count.getGoodQuantity());
        tally.setScrapQuantity(tally.getScrapQuantity() + count.getScrapQuantity());
        tally.setReworkQuantity(tally.getReworkQuantity() + count.getReworkQuantity());
        tally.setActualStart(earlier(tally.getActualStart(), count.getSourceTimestamp()));
        tally.setActualEnd(later(tally.getActualEnd(), count.getSourceTimestamp()));
        tally.setCountEvents(tally.getCountEvents() + 1);
        settings.counters().applied();
        keep(tally);
    }

    private void onStateChange(String machine, MachineRun run, MachineStateChanged change) {
        if (!run.firstSeen(sourceOf(change.getSource()), change.getSequence())) {
            return;
        }
        addRunningTime(machine, run, change.getSourceTimestamp().toEpochMilli());
        run.enter(change.getState());
    }

    /** Hands the running time of the stretch ending at {@code time} to the order the machine produced. */
    private void addRunningTime(String machine, MachineRun run, long time) {
        long running = run.closeStretch(time);
        if (running > 0) {
            Confirmation tally = tallyOf(run.workOrderId(), machine, Instant.ofEpochMilli(time));
            tally.setMachineTimeMillis(tally.getMachineTimeMillis() + running);
            keep(tally);
        }
    }

    private Confirmation tallyOf(String order, String machine, Instant time) {
        Confirmation tally = tallies.get(ConfirmationTopology.confirmationId(order, machine));
        if (tally == null) {
            tally = settings.terms().newConfirmation(order, machine, time);
        }
        routingOf(order, machine, tally);
        return tally;
    }

    /**
     * Fills in the product and operation once the order's record is known (it may come after the
     * first count); read once: a product means the record was read, whether or not its routing
     * names this machine.
     */
    private void routingOf(String order, String machine, Confirmation tally) {
        if (tally.getProductId() != null) {
            return;
        }
        ValueAndTimestamp<byte[]> known = workOrders.get(order);
        if (known == null) {
            return;
        }
        WorkOrder workOrder = settings.serdes().workOrders().deserializer()
                .deserialize(settings.topics().workOrder().name(), known.value());
        tally.setProductId(workOrder.getProductId());
        for (IdealCycleTime step : workOrder.getIdealCycleTimes()) {
            if (step.getEquipmentId().equals(machine) && step.getOperation() != null) {
                tally.setOperation(step.getOperation());
            }
        }
    }

    private void keep(Confirmation tally) {
        tallies.put(tally.getConfirmationId(), tally);
        changed.put(tally.getConfirmationId(), context.currentSystemTimeMs());
    }

    private static String sourceOf(SourceRef source) {
        return source.getGatewayId() + "|" + source.getAddress();
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
