package io.takt.acquisition.tagmap;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks what tags say about each other: one address per source once, and sibling tags that exist. */
final class TagReferences {

    private final Problems problems;
    private final List<TagDefinition> tags;
    private final Map<String, TagDefinition> byAddress = new HashMap<>();

    TagReferences(Problems problems, List<TagDefinition> tags) {
        this.problems = problems;
        this.tags = tags;
    }

    void check() {
        for (TagDefinition tag : tags) {
            TagDefinition first = byAddress.putIfAbsent(key(tag.source(), tag.address()), tag);
            if (first != null) {
                problems.add(tag.location().problem("address", "duplicate address '" + tag.address()
                        + "' of source '" + tag.source() + "' (first at tags[" + first.index() + "], line "
                        + first.location().line() + "); one tag has one meaning"));
            }
        }
        for (TagDefinition tag : tags) {
            if (tag.options() instanceof RoleOptions.Lot lot) {
                sibling(tag, "material-tag", lot.materialTag());
                sibling(tag, "quantity-tag", lot.quantityTag());
            } else if (tag.options() instanceof RoleOptions.Quality quality) {
                sibling(tag, "lot-tag", quality.lotTag());
            }
        }
    }

    private void sibling(TagDefinition tag, String key, String address) {
        if (address != null && !byAddress.containsKey(key(tag.source(), address))) {
            problems.add(tag.location().problem(key, "no tag of source '" + tag.source() + "' has address '"
                    + address + "'; declare it (e.g. with role 'attribute') so the source reads it"));
        }
    }

    private static String key(String source, String address) {
        return source + "\u0000" + address;
    }
}
