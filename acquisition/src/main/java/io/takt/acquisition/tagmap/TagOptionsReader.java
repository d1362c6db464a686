package io.takt.acquisition.tagmap;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.takt.schemas.MachineState;

/** Reads the role-specific keys of one tag entry. */
final class TagOptionsReader {

    static final List<String> FIRST_VALUE_CHOICES = List.of("baseline", "emit");
    static final String DEFAULT_UOM = "H87"; // UN/ECE Rec. 20 "piece"

    private static final List<String> STATE_NAMES =
            Arrays.stream(MachineState.values()).map(MachineState::name).toList();

    private TagOptionsReader() {
    }

    /** The keys each role accepts besides the common ones. */
    static List<String> keysOf(TagRole role) {
        return switch (role) {
            case STATE -> List.of("states", "reason-states", "debounce");
            case MODE -> List.of("setup-modes");
            case GOOD_COUNT, REJECT_COUNT, REWORK_COUNT -> List.of("rollover", "max-increment", "first-value");
            case LOT_IN, LOT_OUT -> List.of("material", "material-tag", "quantity", "quantity-tag", "uom", "first-value");
            case QUALITY -> List.of("characteristic", "lower", "upper", "uom", "lot-tag", "deadband", "first-value");
            case PRODUCT, WORK_ORDER, REASON, ATTRIBUTE -> List.of();
        };
    }

    static RoleOptions read(TagRole role, MapView tag) {
        return switch (role) {
            case STATE -> state(tag);
            case MODE -> new RoleOptions.Mode(textSet(tag, "setup-modes"));
            case GOOD_COUNT, REJECT_COUNT, REWORK_COUNT -> counter(tag);
            case LOT_IN, LOT_OUT -> lot(tag);
            case QUALITY -> quality(tag);
            case PRODUCT, WORK_ORDER, REASON, ATTRIBUTE -> new RoleOptions.None();
        };
    }

    private static RoleOptions state(MapView tag) {
        StateMap states = StateMap.of("explicit", Map.of());
        Optional<NodeView> node = tag.get("states");
        if (node.isEmpty()) {
            tag.problem("states", "missing; name a built-in map (" + String.join(", ", StateMap.builtInNames())
                    + ") or map raw values to states (" + String.join(", ", STATE_NAMES) + ")");
        } else if (node.get().isScalar()) {
            String name = node.get().text().orElse("").trim();
            Optional<StateMap> named = StateMap.named(name);
            if (named.isEmpty()) {
                node.get().problem("unknown state map '" + name + "' (built in: "
                        + String.join(", ", StateMap.builtInNames()) + ")" + Spelling.hint(name, StateMap.builtInNames()));
            } else {
                states = named.get();
            }
        } else {
            MapView explicit = node.get().asMap();
            if (explicit.keys().isEmpty()) {
                node.get().problem("must map at least one raw value to a state");
            }
            states = explicitStates(explicit);
        }
        Map<String, MachineState> reasonStates = new LinkedHashMap<>();
        tag.get("reason-states").ifPresent(n -> n.asMap().forEach((reason, value) ->
                machineState(value).ifPresent(s -> reasonStates.put(reason, s))));
        return new RoleOptions.State(states, reasonStates);
    }

    private static StateMap explicitStates(MapView map) {
        Map<String, StateTarget> targets = new LinkedHashMap<>();
        map.forEach((raw, value) -> {
            if (value.isMap()) {
                MapView target = value.asMap();
                target.refuseUnknownKeys(List.of("state", "reason"));
                Optional<MachineState> state = target.get("state").flatMap(TagOptionsReader::machineState);
                if (!target.has("state")) {
                    target.problem("state", "missing; it is required");
                }
                state.ifPresent(s -> targets.put(raw, new StateTarget(s, target.text("reason").orElse(null))));
            } else {
                machineState(value).ifPresent(s -> targets.put(raw, new StateTarget(s, null)));
            }
        });
        return StateMap.of("explicit", targets);
    }

    private static Optional<MachineState> machineState(NodeView value) {
        Optional<String> text = value.text();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String name = text.get().trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (STATE_NAMES.contains(name)) {
            return Optional.of(MachineState.valueOf(name));
        }
        value.problem("unknown state '" + text.get().trim() + "' (allowed: " + String.join(", ", STATE_NAMES) + ")"
                + Spelling.hint(name, STATE_NAMES));
        return Optional.empty();
    }

    private static Set<String> textSet(MapView tag, String key) {
        Set<String> values = new LinkedHashSet<>();
        tag.get(key).ifPresent(node -> {
            if (node.isScalar()) {
                node.text().ifPresent(t -> values.add(t.trim()));
            } else {
                node.asList().forEach(item -> item.text().ifPresent(t -> values.add(t.trim())));
            }
        });
        return values;
    }

    // rollover: a small number is a width in bits (16 → wraps at 65536), a large one the value at which
    // it wraps (1000000 for a six-digit decimal counter): no counter wraps at 64 or less.
    private static RoleOptions counter(MapView tag) {
        long modulus = 0;
        Optional<Long> rollover = tag.integer("rollover");
        if (rollover.isPresent()) {
            long r = rollover.get();
            if (r < 1) {
                tag.problem("rollover", "must be a width in bits (1..63) or the value the counter wraps at (> 63)");
            } else {
                modulus = r <= 63 ? 1L << r : r;
            }
        }
        long defaultMax = modulus > 0 ? Math.max(1, modulus / 16) : Long.MAX_VALUE;
        long maxIncrement = tag.integer("max-increment").orElse(defaultMax);
        if (maxIncrement < 1) {
            tag.problem("max-increment", "must be at least 1");
        }
        if (tag.has("max-increment") && modulus == 0) {
            tag.problem("max-increment", "applies only with 'rollover' (a counter that never wraps has no wrap distance)");
        }
        return new RoleOptions.Counter(modulus, maxIncrement, emitFirst(tag));
    }

    private static RoleOptions lot(MapView tag) {
        Optional<String> material = tag.text("material");
        Optional<String> materialTag = tag.text("material-tag");
        if (material.isPresent() == materialTag.isPresent()) {
            tag.problem("material", "give exactly one of 'material' (a fixed material id) or 'material-tag'"
                    + " (the address of a tag holding it)");
        }
        Optional<Double> quantity = tag.number("quantity");
        if (quantity.isPresent() && tag.has("quantity-tag")) {
            tag.problem("quantity", "give at most one of 'quantity' or 'quantity-tag'");
        }
        if (quantity.isPresent() && !(quantity.get() > 0)) {
            tag.problem("quantity", "must be greater than 0");
        }
        return new RoleOptions.Lot(material.orElse(null), materialTag.orElse(null), quantity.orElse(1.0),
                tag.text("quantity-tag").orElse(null), tag.text("uom").orElse(DEFAULT_UOM), emitFirst(tag));
    }

    private static RoleOptions quality(MapView tag) {
        Optional<String> characteristic = tag.requiredText("characteristic");
        Double lower = tag.number("lower").orElse(null);
        Double upper = tag.number("upper").orElse(null);
        if (lower != null && upper != null && lower > upper) {
            tag.problem("lower", "lower limit " + lower + " is above upper limit " + upper);
        }
        return new RoleOptions.Quality(characteristic.orElse(""), lower, upper, tag.text("uom").orElse(null),
                tag.text("lot-tag").orElse(null), emitFirst(tag));
    }

    private static boolean emitFirst(MapView tag) {
        return tag.choice("first-value", FIRST_VALUE_CHOICES).map("emit"::equals).orElse(false);
    }
}
