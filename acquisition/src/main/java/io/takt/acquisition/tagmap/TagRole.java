package io.takt.acquisition.tagmap;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a tag means for its equipment. The delivery rank orders the tags of one poll so that
 * attributes are known before the tags that refer to them, counts are booked under the product and
 * order they were made under, and a reason read together with a stop qualifies that stop.
 */
public enum TagRole {
    /** A value other tags refer to (a lot's material or quantity); emits nothing itself. */
    ATTRIBUTE("attribute", 0),
    GOOD_COUNT("good-count", 1),
    REJECT_COUNT("reject-count", 1),
    REWORK_COUNT("rework-count", 1),
    PRODUCT("product", 2),
    WORK_ORDER("work-order", 2),
    MODE("mode", 2),
    REASON("reason", 2),
    STATE("state", 3),
    LOT_IN("lot-in", 4),
    LOT_OUT("lot-out", 4),
    QUALITY("quality", 4);

    private final String yamlName;
    private final int deliveryRank;

    TagRole(String yamlName, int deliveryRank) {
        this.yamlName = yamlName;
        this.deliveryRank = deliveryRank;
    }

    public String yamlName() {
        return yamlName;
    }

    /** Lower ranks are delivered first among the samples of one read. */
    public int deliveryRank() {
        return deliveryRank;
    }

    public boolean isCounter() {
        return this == GOOD_COUNT || this == REJECT_COUNT || this == REWORK_COUNT;
    }

    public boolean isLot() {
        return this == LOT_IN || this == LOT_OUT;
    }

    public static Optional<TagRole> fromYaml(String name) {
        return Arrays.stream(values()).filter(r -> r.yamlName.equals(name)).findFirst();
    }

    public static List<String> yamlNames() {
        return Arrays.stream(values()).map(TagRole::yamlName).toList();
    }
}
