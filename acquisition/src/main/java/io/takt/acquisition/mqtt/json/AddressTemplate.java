package io.takt.acquisition.mqtt.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a JSON topic mapping names its tag: a text in which {@code {topic}} stands for the whole topic
 * name and {@code {0}}, {@code {1}}, ... for its levels, counted from 0. With the topic
 * {@code plant1/line1/press1/status}, {@code {1}/{2}/State} gives {@code line1/press1/State} and
 * {@code {topic}/state} gives {@code plant1/line1/press1/status/state}.
 */
public final class AddressTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");
    /** The default template: the topic itself is the address. */
    public static final AddressTemplate TOPIC = parse("{topic}");

    private final String text;
    // Literal text and placeholders alternate: literal, placeholder, literal, ...
    private final List<String> literals;
    private final List<Integer> levels; // -1 for {topic}

    private AddressTemplate(String text, List<String> literals, List<Integer> levels) {
        this.text = text;
        this.literals = literals;
        this.levels = levels;
    }

    /** @throws IllegalArgumentException for a placeholder other than {@code {topic}} or {@code {N}} */
    public static AddressTemplate parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an address template cannot be blank");
        }
        List<String> literals = new ArrayList<>();
        List<Integer> levels = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        int end = 0;
        while (m.find()) {
            literals.add(text.substring(end, m.start()));
            levels.add(level(text, m.group(1)));
            end = m.end();
        }
        literals.add(text.substring(end));
        if (literals.stream().anyMatch(l -> l.contains("{") || l.contains("}"))) {
            throw new IllegalArgumentException("unbalanced braces in address template '" + text + "'");
        }
        return new AddressTemplate(text, List.copyOf(literals), List.copyOf(levels));
    }

    /** The address for {@code topic}; empty if the template names a level the topic does not have. */
    public Optional<String> apply(String topic) {
        String[] names = topic.split("/", -1);
        StringBuilder out = new StringBuilder(literals.get(0));
        for (int i = 0; i < levels.size(); i++) {
            int level = levels.get(i);
            if (level >= names.length) {
                return Optional.empty();
            }
            out.append(level < 0 ? topic : names[level]).append(literals.get(i + 1));
        }
        return Optional.of(out.toString());
    }

    @Override
    public String toString() {
        return text;
    }

    private static int level(String text, String name) {
        if (name.equals("topic")) {
            return -1;
        }
        try {
            int level = Integer.parseInt(name);
            if (level >= 0) {
                return level;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("address template '" + text + "' has placeholder {" + name
                + "}; use {topic} or a topic level {0}, {1}, ...");
    }
}
