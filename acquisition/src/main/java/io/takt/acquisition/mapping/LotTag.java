package io.takt.acquisition.mapping;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.takt.acquisition.source.SampleQuality;
import io.takt.acquisition.source.TagSample;
import io.takt.acquisition.tagmap.RoleOptions;
import io.takt.acquisition.tagmap.TagDefinition;
import io.takt.acquisition.tagmap.TagRole;
import io.takt.schemas.MovementKind;
import io.takt.schemas.Quantity;

/**
 * A lot scanned in (consumed) or out (produced): each new lot id is one MaterialMovement. The lot
 * seen first after start is taken as already booked (unless configured otherwise), because the
 * register still holds it after a gateway restart; a gap keeps the last lot, so a reconnect that
 * reads the same lot again books nothing.
 */
final class LotTag implements TagChannel {

    private static final Logger LOG = LoggerFactory.getLogger(LotTag.class);

    private final TagDefinition tag;
    private final EquipmentContext context;
    private final EventWriter writer;
    private final LatestValues latest;
    private final RoleOptions.Lot options;
    private String lastLot;

    LotTag(TagDefinition tag, EquipmentContext context, EventWriter writer, LatestValues latest) {
        this.tag = tag;
        this.context = context;
        this.writer = writer;
        this.latest = latest;
        this.options = tag.options(RoleOptions.Lot.class);
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
        String lot = RawText.of(sample.value());
        if (lot.equals(lastLot)) {
            return;
        }
        boolean first = lastLot == null;
        lastLot = lot;
        String current = lot.isEmpty() ? null : lot;
        if (tag.role() == TagRole.LOT_IN) {
            context.lotIn(current);
        } else {
            context.lotOut(current);
        }
        if (current == null || first && !options.emitFirst()) {
            return;
        }
        Optional<String> material = options.material() != null ? Optional.of(options.material())
                : latest.get(tag.source(), options.materialTag()).map(RawText::of).filter(m -> !m.isEmpty());
        Optional<Double> quantity = options.quantityTag() == null ? Optional.of(options.quantity())
                : latest.get(tag.source(), options.quantityTag()).flatMap(RawText::number);
        if (material.isEmpty() || quantity.isEmpty()) {
            LOG.warn("Tag {} of {}: lot {} scanned but its {} is not known (tag {} has no value); movement not booked",
                    tag.address(), tag.source(), lot, material.isEmpty() ? "material" : "quantity",
                    material.isEmpty() ? options.materialTag() : options.quantityTag());
            return;
        }
        MovementKind kind = tag.role() == TagRole.LOT_IN ? MovementKind.CONSUMED : MovementKind.PRODUCED;
        writer.movement(tag, context.equipment(), kind, lot, material.get(),
                new Quantity(quantity.get(), options.uom()), context.workOrderId(), sample.sourceTime(),
                sample.receiveTime());
    }
}
