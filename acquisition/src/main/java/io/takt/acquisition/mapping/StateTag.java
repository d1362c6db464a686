package io.takt.acquisition.mapping;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.takt.acquisition.source.SampleQuality;
import io.takt.acquisition.source.TagSample;
import io.takt.acquisition.tagmap.RoleOptions;
import io.takt.acquisition.tagmap.StateTarget;
import io.takt.acquisition.tagmap.TagDefinition;
import io.takt.schemas.MachineState;

/**
 * A machine's state tag: maps raw values to Takt states and reports each change once, after it has
 * held for the tag's debounce. A change is a new (state, raw state, mode, reason). The reason is the
 * one the reason tag shows at the time (a level, as PLCs hold it), else the state map's; a running
 * machine has none.
 *
 * <p>Debounce: a new state is held back until it has lasted the debounce by the source's clock (a
 * later sample says so) or by the gateway's clock (the timer finds it due, for sources that report
 * only changes). A state that gives way sooner is dropped as a blip. The reported event keeps the
 * time the state began.
 */
final class StateTag implements TagChannel {

    static final String NO_DATA = "NO_DATA";
    private static final Logger LOG = LoggerFactory.getLogger(StateTag.class);

    private final TagDefinition tag;
    private final EquipmentContext context;
    private final EventWriter writer;
    private final WarnOnce warnings;
    private final RoleOptions.State options;
    private final Duration debounce;
    private Candidate reported;
    private Candidate pending;
    private String lastRaw;

    StateTag(TagDefinition tag, EquipmentContext context, EventWriter writer, WarnOnce warnings) {
        this.tag = tag;
        this.context = context;
        this.writer = writer;
        this.warnings = warnings;
        this.options = tag.options(RoleOptions.State.class);
        this.debounce = tag.debounce();
    }

    @Override
    public EquipmentContext context() {
        return context;
    }

    @Override
    public void accept(TagSample sample) {
        if (sample.quality() == SampleQuality.NO_DATA) {
            noData(sample.sourceTime(), sample.receiveTime());
        } else if (sample.quality() != SampleQuality.BAD) {
            lastRaw = RawText.of(sample.value());
            evaluate(lastRaw, sample.sourceTime(), sample.receiveTime());
        }
    }

    /** The mode or reason changed: the same raw state may now mean another Takt state. */
    void qualifierChanged(Instant sourceTime, Instant receiveTime) {
        if (lastRaw != null) {
            evaluate(lastRaw, sourceTime, receiveTime);
        }
    }

    /** Reports the pending state if it has held for the debounce by the gateway's clock. */
    void flushDue(Instant now) {
        if (pending != null && !pending.receiveTime.plus(debounce).isAfter(now)) {
            report(pending);
        }
    }

    boolean debounced() {
        return !debounce.isZero();
    }

    private void evaluate(String raw, Instant sourceTime, Instant receiveTime) {
        StateTarget target = options.states().lookup(raw).orElseGet(() -> unmapped(raw));
        MachineState state = target.state();
        String reason = state == MachineState.RUNNING ? null
                : context.reason() != null ? context.reason() : target.reasonCode();
        boolean stopped = state != MachineState.RUNNING && state != MachineState.UNKNOWN;
        if (stopped && reason != null && options.reasonStates().containsKey(reason)) {
            state = options.reasonStates().get(reason);
        }
        if (context.inSetupMode() && state != MachineState.FAULT && state != MachineState.UNKNOWN) {
            state = MachineState.SETUP;
        }
        offer(new Candidate(state, raw, context.rawMode(), reason, sourceTime, receiveTime));
    }

    private void offer(Candidate candidate) {
        if (pending != null) {
            if (pending.sameAs(candidate)) {
                return;
            }
            if (heldLongEnough(pending, candidate.sourceTime)) {
                report(pending);
            } else {
                LOG.debug("Tag {}: state {} gave way within {}; dropped", tag.address(), pending.rawState, debounce);
                pending = null;
            }
        }
        if (candidate.sameAs(reported)) {
            return;
        }
        if (debounced()) {
            pending = candidate;
        } else {
            report(candidate);
        }
    }

    private void noData(Instant sourceTime, Instant receiveTime) {
        if (pending != null && heldLongEnough(pending, sourceTime)) {
            report(pending);
        }
        pending = null;
        lastRaw = null;
        Candidate unknown = new Candidate(MachineState.UNKNOWN, NO_DATA, context.rawMode(), null, sourceTime,
                receiveTime);
        if (!unknown.sameAs(reported)) {
            report(unknown);
        }
    }

    private boolean heldLongEnough(Candidate candidate, Instant until) {
        return !candidate.sourceTime.plus(debounce).isAfter(until);
    }

    private void report(Candidate c) {
        writer.machineState(tag, context.equipment(), c.state, c.rawState, c.rawMode, c.reason, c.sourceTime,
                c.receiveTime);
        reported = c;
        pending = null;
    }

    private StateTarget unmapped(String raw) {
        if (warnings.first(tag.source() + "/" + tag.address() + "=" + raw)) {
            LOG.warn("Tag {} of {} (equipment {}): raw state '{}' is not in state map '{}'; reporting UNKNOWN",
                    tag.address(), tag.source(), tag.equipment(), raw, options.states().name());
        }
        return StateTarget.UNMAPPED;
    }

    /** A state as it would be reported. */
    private record Candidate(MachineState state, String rawState, String rawMode, String reason, Instant sourceTime,
            Instant receiveTime) {

        boolean sameAs(Candidate other) {
            return other != null && state == other.state && rawState.equals(other.rawState)
                    && Objects.equals(rawMode, other.rawMode) && Objects.equals(reason, other.reason);
        }
    }
}
