package io.takt.acquisition.tagmap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.takt.platform.config.PlatformConfig;

/** Reads the composed YAML of a tag map into its parts, collecting every problem on the way. */
final class TagMapReader {

    private static final Pattern SITE = Pattern.compile(PlatformConfig.SITE_PATTERN);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]*");
    private static final List<String> ROOT_KEYS = List.of("gateway", "equipment", "sources", "tags");
    private static final List<String> EQUIPMENT_KEYS =
            List.of("id", "enterprise", "site", "area", "line", "work-cell", "machine");
    private static final List<String> COMMON_TAG_KEYS =
            List.of("source", "address", "equipment", "role", "poll-interval", "source-options");

    private final Problems problems;
    private Gateway gateway = new Gateway("", "");
    private final Map<String, Equipment> equipment = new LinkedHashMap<>();
    private final Map<String, SourceDefinition> sources = new LinkedHashMap<>();
    private final List<TagDefinition> tags = new ArrayList<>();

    TagMapReader(Problems problems) {
        this.problems = problems;
    }

    TagMap read(NodeView root, Path file) {
        MapView map = root.asMap();
        map.refuseUnknownKeys(ROOT_KEYS);
        for (String key : List.of("gateway", "equipment", "sources", "tags")) {
            if (!map.has(key)) {
                map.problem(key, "missing; a tag map needs gateway, equipment, sources and tags");
            }
        }
        map.get("gateway").ifPresent(n -> gateway(n.asMap()));
        map.get("equipment").ifPresent(n -> n.asList().forEach(item -> equipment(item.asMap())));
        map.get("sources").ifPresent(n -> n.asList().forEach(item -> source(item.asMap())));
        map.get("tags").ifPresent(n -> {
            List<NodeView> items = n.asList();
            for (int i = 0; i < items.size(); i++) {
                tag(i, items.get(i).asMap());
            }
        });
        new TagReferences(problems, tags).check();
        return new TagMap(file, gateway, equipment, List.copyOf(sources.values()), tags);
    }

    private void gateway(MapView map) {
        map.refuseUnknownKeys(List.of("id", "site"));
        String id = map.requiredText("id").orElse("");
        if (!id.isEmpty() && !ID.matcher(id).matches()) {
            map.problem("id", "'" + id + "' must be letters, digits and . _ : - (it names the gateway in every event)");
        }
        String site = map.requiredText("site").orElse("");
        if (!site.isEmpty() && !SITE.matcher(site).matches()) {
            map.problem("site", "'" + site + "' must be lower-case letters, digits and inner hyphens, e.g. plant-7");
        }
        gateway = new Gateway(id, site);
    }

    private void equipment(MapView map) {
        map.refuseUnknownKeys(EQUIPMENT_KEYS);
        Optional<String> id = map.requiredText("id");
        String site = map.text("site").orElse(gateway.site());
        if (!site.equals(gateway.site())) {
            map.problem("site", "'" + site + "' differs from the gateway's site '" + gateway.site()
                    + "'; a gateway publishes to one site's topics");
        }
        Equipment e = new Equipment(id.orElse(""), map.requiredText("enterprise").orElse(""), site,
                map.requiredText("area").orElse(""), map.requiredText("line").orElse(""),
                map.text("work-cell").orElse(null), map.requiredText("machine").orElse(""));
        id.ifPresent(i -> {
            if (equipment.putIfAbsent(i, e) != null) {
                map.problem("id", "duplicate equipment id '" + i + "'");
            }
        });
    }

    private void source(MapView map) {
        map.refuseUnknownKeys(List.of("id", "type", "connection"));
        Optional<String> id = map.requiredText("id");
        Optional<SourceType> type = map.requiredText("type").flatMap(t -> {
            Optional<SourceType> known = SourceType.fromYaml(t);
            if (known.isEmpty()) {
                map.problem("type", "unknown source type '" + t + "' (allowed: "
                        + String.join(", ", SourceType.yamlNames()) + ")" + Spelling.hint(t, SourceType.yamlNames()));
            }
            return known;
        });
        MapView connection = map.get("connection").map(NodeView::asMap).orElse(map);
        Map<String, Object> raw = new LinkedHashMap<>();
        if (map.has("connection")) {
            connection.forEach((key, value) -> raw.put(key, value.raw()));
        }
        YamlLocation connectionLocation = map.has("connection") ? connection.location()
                : new YamlLocation(problems.file(), map.line(), map.path() + ".connection", Map.of());
        if (id.isPresent() && type.isPresent()) {
            SourceDefinition source = new SourceDefinition(id.get(), type.get(), raw, map.location(), connectionLocation);
            if (sources.putIfAbsent(id.get(), source) != null) {
                map.problem("id", "duplicate source id '" + id.get() + "'");
            }
        }
    }

    private void tag(int index, MapView map) {
        Optional<TagRole> role = map.requiredText("role").flatMap(r -> {
            Optional<TagRole> known = TagRole.fromYaml(r);
            if (known.isEmpty()) {
                map.problem("role", "unknown role '" + r + "' (allowed: " + String.join(", ", TagRole.yamlNames())
                        + ")" + Spelling.hint(r, TagRole.yamlNames()));
            }
            return known;
        });
        role.ifPresent(r -> refuseKeysOfOtherRoles(map, r));
        Optional<String> source = map.requiredText("source").filter(s -> known(map, "source", s, sources.keySet()));
        Optional<String> address = map.requiredText("address");
        Optional<String> equipmentId =
                map.requiredText("equipment").filter(e -> known(map, "equipment", e, equipment.keySet()));
        double deadband = map.number("deadband").orElse(0.0);
        if (deadband < 0) {
            map.problem("deadband", "must be 0 or more");
        }
        Duration debounce = map.duration("debounce").orElse(Duration.ZERO);
        Duration poll = map.duration("poll-interval").orElse(null);
        if (poll != null && (poll.isZero() || poll.isNegative())) {
            map.problem("poll-interval", "must be greater than 0");
        }
        Map<String, Object> sourceOptions = new HashMap<>();
        map.get("source-options").ifPresent(n -> n.asMap().forEach((k, v) -> sourceOptions.put(k, v.raw())));
        RoleOptions options = role.map(r -> TagOptionsReader.read(r, map)).orElse(new RoleOptions.None());
        if (role.isPresent() && source.isPresent() && address.isPresent() && equipmentId.isPresent()) {
            tags.add(new TagDefinition(index, source.get(), address.get(), equipmentId.get(), role.get(), options,
                    deadband, debounce, poll, sourceOptions, map.location()));
        }
    }

    private void refuseKeysOfOtherRoles(MapView map, TagRole role) {
        List<String> own = Stream.concat(COMMON_TAG_KEYS.stream(), TagOptionsReader.keysOf(role).stream()).toList();
        List<String> all = Stream.concat(COMMON_TAG_KEYS.stream(),
                Stream.of(TagRole.values()).flatMap(r -> TagOptionsReader.keysOf(r).stream())).distinct().toList();
        for (String key : map.keys()) {
            if (own.contains(key)) {
                continue;
            }
            if (all.contains(key)) {
                List<String> owners = Stream.of(TagRole.values())
                        .filter(r -> TagOptionsReader.keysOf(r).contains(key)).map(TagRole::yamlName).toList();
                map.problem(key, "does not apply to role '" + role.yamlName() + "' (only to: "
                        + String.join(", ", owners) + ")");
            } else {
                map.problem(key, "unknown key (allowed for role '" + role.yamlName() + "': " + String.join(", ", own)
                        + ")" + Spelling.hint(key, own));
            }
        }
    }

    private boolean known(MapView map, String key, String value, java.util.Set<String> ids) {
        if (ids.contains(value)) {
            return true;
        }
        map.problem(key, "no " + key + " with id '" + value + "' is declared (declared: "
                + (ids.isEmpty() ? "none" : String.join(", ", ids)) + ")" + Spelling.hint(value, ids));
        return false;
    }
}
