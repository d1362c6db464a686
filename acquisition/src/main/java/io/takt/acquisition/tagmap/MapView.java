package io.takt.acquisition.tagmap;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

import io.takt.platform.config.DurationText;

/** A YAML map read key by key; every bad or missing value is reported with its line and path. */
final class MapView {

    private final NodeView self;
    private final LinkedHashMap<String, NodeView.KeyedNode> entries;

    MapView(NodeView self, LinkedHashMap<String, NodeView.KeyedNode> entries) {
        this.self = self;
        this.entries = entries;
    }

    int line() {
        return self.line();
    }

    String path() {
        return self.path();
    }

    Set<String> keys() {
        return entries.keySet();
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    Optional<NodeView> get(String key) {
        return Optional.ofNullable(entries.get(key)).map(NodeView.KeyedNode::value);
    }

    void forEach(BiConsumer<String, NodeView> action) {
        entries.forEach((key, entry) -> action.accept(key, entry.value()));
    }

    /** Where this map is and where each of its keys is, for checks made after reading. */
    YamlLocation location() {
        Map<String, Integer> keyLines = new LinkedHashMap<>();
        entries.forEach((key, entry) -> keyLines.put(key, entry.keyLine()));
        return new YamlLocation(self.problems().file(), self.line(), self.path(), keyLines);
    }

    void problem(String key, String message) {
        NodeView.KeyedNode entry = entries.get(key);
        int line = entry == null ? self.line() : entry.keyLine();
        self.problems().add(line, childPath(key), message);
    }

    /** Reports each key not in {@code allowed}, with the closest allowed one as a suggestion. */
    void refuseUnknownKeys(Collection<String> allowed) {
        for (String key : entries.keySet()) {
            if (!allowed.contains(key)) {
                problem(key, "unknown key (allowed: " + String.join(", ", allowed) + ")"
                        + Spelling.hint(key, allowed));
            }
        }
    }

    /** A required non-blank text value. */
    Optional<String> requiredText(String key) {
        if (!has(key)) {
            problem(key, "missing; it is required");
            return Optional.empty();
        }
        Optional<String> text = text(key);
        if (text.isPresent() && text.get().isBlank()) {
            problem(key, "must not be empty");
            return Optional.empty();
        }
        return text;
    }

    Optional<String> text(String key) {
        return get(key).flatMap(NodeView::text).map(String::trim);
    }

    Optional<Double> number(String key) {
        return parsed(key, "a number, e.g. 0.5", Double::parseDouble);
    }

    Optional<Long> integer(String key) {
        return parsed(key, "a whole number", Long::parseLong);
    }

    Optional<Duration> duration(String key) {
        return parsed(key, "a duration with a unit, e.g. 500ms, 2s, 1m", DurationText::parse);
    }

    /** One of {@code allowed}, compared case-insensitively. */
    Optional<String> choice(String key, Collection<String> allowed) {
        Optional<String> text = text(key).map(t -> t.toLowerCase(Locale.ROOT));
        if (text.isPresent() && !allowed.contains(text.get())) {
            problem(key, "'" + text.get() + "' is not one of " + String.join(", ", allowed)
                    + Spelling.hint(text.get(), allowed));
            return Optional.empty();
        }
        return text;
    }

    private <T> Optional<T> parsed(String key, String expected, Function<String, T> parse) {
        Optional<String> text = text(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse.apply(text.get()));
        } catch (RuntimeException e) {
            problem(key, "'" + text.get() + "' is not " + expected);
            return Optional.empty();
        }
    }

    private String childPath(String key) {
        return self.path().isEmpty() ? key : self.path() + "." + key;
    }
}
