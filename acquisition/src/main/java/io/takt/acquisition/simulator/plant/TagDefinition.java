package io.takt.acquisition.simulator.plant;

import java.util.Objects;

/**
 * One tag a machine exposes: its name below the machine (e.g. {@code GoodCount},
 * {@code Quality.Thickness}) and its PLC data type.
 */
public record TagDefinition(String name, TagType type) {

    public static final String STATE = "State";
    public static final String MODE = "Mode";
    public static final String REASON_CODE = "ReasonCode";
    public static final String GOOD_COUNT = "GoodCount";
    public static final String REJECT_COUNT = "RejectCount";
    public static final String PRODUCT_ID = "ProductId";
    public static final String WORK_ORDER = "WorkOrder";
    public static final String LOT_IN = "LotIn";
    public static final String LOT_OUT = "LotOut";
    /** The input lot the part just put into the output lot came from (PLC material tracking). */
    public static final String LOT_SOURCE = "LotSource";
    /** Prefix of quality tags: {@code Quality.<Characteristic>}. */
    public static final String QUALITY_PREFIX = "Quality.";

    public TagDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
