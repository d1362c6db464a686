package io.takt.acquisition.mapping;

import java.util.Objects;

import io.takt.acquisition.source.SampleQuality;
import io.takt.acquisition.source.TagSample;
import io.takt.acquisition.tagmap.RoleOptions;
import io.takt.acquisition.tagmap.TagDefinition;

/**
 * A tag that says under what the machine works rather than what it does: product, work order,
 * mode, stop reason, or an attribute other tags refer to. It emits nothing itself. A gap (NO_DATA)
 * keeps the last value: the order running before a link drop is most likely still running after it.
 */
final class ContextTag implements TagChannel {

    private final TagDefinition tag;
    private final EquipmentContext context;

    ContextTag(TagDefinition tag, EquipmentContext context) {
        this.tag = tag;
        this.context = context;
    }

    @Override
    public EquipmentContext context() {
        return context;
    }

    @Override
    public void accept(TagSample sample) {
        if (sample.quality() == SampleQuality.NO_DATA || sample.quality() == SampleQuality.BAD) {
            return;
        }
        String text = RawText.of(sample.value());
        String value = text.isEmpty() ? null : text;
        switch (tag.role()) {
            case PRODUCT -> context.productId(value);
            case WORK_ORDER -> context.workOrderId(value);
            case REASON -> reason("0".equals(value) ? null : value, sample); // 0 is "no reason" in PLCs
            case MODE -> mode(value, sample);
            default -> {
                // attributes are only looked up by address
            }
        }
    }

    private void mode(String value, TagSample sample) {
        boolean changed = !Objects.equals(value, context.rawMode());
        context.mode(value, tag.options(RoleOptions.Mode.class).setupModes());
        if (changed) {
            context.stateTags().forEach(s -> s.qualifierChanged(sample.sourceTime(), sample.receiveTime()));
        }
    }

    // A reason is a level, as PLCs hold it: it qualifies the state for as long as it is shown, so a
    // new reason while stopped (a micro-stop found to be starvation) is a new state event.
    private void reason(String value, TagSample sample) {
        boolean changed = !Objects.equals(value, context.reason());
        context.reason(value);
        if (changed) {
            context.stateTags().forEach(s -> s.qualifierChanged(sample.sourceTime(), sample.receiveTime()));
        }
    }
}
