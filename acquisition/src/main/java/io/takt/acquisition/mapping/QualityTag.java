package io.takt.acquisition.mapping;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.takt.acquisition.source.SampleQuality;
import io.takt.acquisition.source.TagSample;
import io.takt.acquisition.tagmap.RoleOptions;
import io.takt.acquisition.tagmap.TagDefinition;
import io.takt.schemas.InspectionResult;

/**
 * A measurement (number) or a go/no-go check (boolean, true = pass) of the lot being worked on.
 * A polled register holds its last value, so a result is reported when the value changes by more
 * than the deadband from the last reported one; the first value after start is taken as already
 * reported unless configured otherwise.
 */
final class QualityTag implements TagChannel {

    private static final Logger LOG = LoggerFactory.getLogger(QualityTag.class);

    private final TagDefinition tag;
    private final EquipmentContext context;
    private final EventWriter writer;
    private final LatestValues latest;
    private final WarnOnce warnings;
    private final RoleOptions.Quality options;
    private Object lastReported;

    QualityTag(TagDefinition tag, EquipmentContext context, EventWriter writer, LatestValues latest,
            WarnOnce warnings) {
        this.tag = tag;
        this.context = context;
        this.writer = writer;
        this.latest = latest;
        this.warnings = warnings;
        this.options = tag.options(RoleOptions.Quality.class);
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
        Object value = sample.value() instanceof Boolean b ? b : RawText.number(sample.value()).orElse(null);
        if (value == null) {
            warnOnce("not a number", "read '{}', not a number or boolean; ignored", sample.value());
            return;
        }
        if (!changed(value)) {
            return;
        }
        boolean first = lastReported == null;
        lastReported = value;
        if (first && !options.emitFirst()) {
            return;
        }
        Optional<String> lot = options.lotTag() != null
                ? latest.get(tag.source(), options.lotTag()).map(RawText::of).filter(l -> !l.isEmpty())
                : Optional.ofNullable(context.currentLot());
        if (lot.isEmpty()) {
            LOG.warn("Tag {} of {}: {} = {} measured but no lot is known to book it against; not reported",
                    tag.address(), tag.source(), options.characteristic(), value);
            return;
        }
        Double measured = value instanceof Double d ? d : null;
        writer.quality(tag, context.equipment(), lot.get(),
                new EventWriter.Measurement(options.characteristic(), measured, options.lower(), options.upper(),
                        options.uom()),
                verdict(value), sample.sourceTime(), sample.receiveTime());
    }

    private boolean changed(Object value) {
        if (lastReported == null) {
            return true;
        }
        if (value instanceof Double v && lastReported instanceof Double last) {
            return tag.deadband() > 0 ? Math.abs(v - last) > tag.deadband() : !v.equals(last);
        }
        return !value.equals(lastReported);
    }

    private InspectionResult verdict(Object value) {
        if (value instanceof Boolean pass) {
            return pass ? InspectionResult.PASS : InspectionResult.FAIL;
        }
        double v = (Double) value;
        if (options.lower() == null && options.upper() == null) {
            return InspectionResult.UNKNOWN;
        }
        boolean within = (options.lower() == null || v >= options.lower())
                && (options.upper() == null || v <= options.upper());
        return within ? InspectionResult.PASS : InspectionResult.FAIL;
    }

    private void warnOnce(String key, String message, Object arg) {
        if (warnings.first(tag.source() + "/" + tag.address() + " " + key)) {
            LOG.warn("Tag {} of {}: " + message, tag.address(), tag.source(), arg);
        }
    }
}
