package io.takt.acquisition.mapping;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.takt.acquisition.source.SampleQuality;
import io.takt.acquisition.source.TagSample;
import io.takt.acquisition.tagmap.RoleOptions;
import io.takt.acquisition.tagmap.TagDefinition;
import io.takt.acquisition.tagmap.TagRole;

/** A good, reject or rework totaliser: reports each increment as a ProductionCount. */
final class CounterTag implements TagChannel {

    private static final Logger LOG = LoggerFactory.getLogger(CounterTag.class);

    private final TagDefinition tag;
    private final EquipmentContext context;
    private final EventWriter writer;
    private final WarnOnce warnings;
    private final CounterTotal total;

    CounterTag(TagDefinition tag, EquipmentContext context, EventWriter writer, WarnOnce warnings) {
        this.tag = tag;
        this.context = context;
        this.writer = writer;
        this.warnings = warnings;
        this.total = new CounterTotal(tag.options(RoleOptions.Counter.class));
    }

    @Override
    public EquipmentContext context() {
        return context;
    }

    @Override
    public void accept(TagSample sample) {
        // NO_DATA keeps the reference total: the first reading after the gap brings the gap's counts.
        if (sample.quality() == SampleQuality.NO_DATA || sample.quality() == SampleQuality.BAD) {
            return;
        }
        Optional<Long> reading = RawText.wholeNumber(sample.value());
        if (reading.isEmpty()) {
            if (warnings.first(tag.source() + "/" + tag.address() + " not a count")) {
                LOG.warn("Tag {} of {} is a {} but read '{}', not a whole number; ignored", tag.address(),
                        tag.source(), tag.role().yamlName(), sample.value());
            }
            return;
        }
        long increment = total.advance(reading.get());
        if (increment > 0) {
            writer.count(tag, context.equipment(), counted(increment), context.productId(), context.workOrderId(),
                    sample.sourceTime(), sample.receiveTime());
        }
    }

    private EventWriter.Counted counted(long increment) {
        TagRole role = tag.role();
        return new EventWriter.Counted(role == TagRole.GOOD_COUNT ? increment : 0,
                role == TagRole.REJECT_COUNT ? increment : 0, role == TagRole.REWORK_COUNT ? increment : 0);
    }
}
