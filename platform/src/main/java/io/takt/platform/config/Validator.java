package io.takt.platform.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A rule a config value must follow beyond its type, like Kafka's {@code ConfigDef.Validator}.
 * {@link #describe()} completes the sentence "must be &lt;type&gt; ...", so that an error reads
 * e.g. "must be an integer in [0, 65535]".
 *
 * @param <T> the type of value checked
 */
public interface Validator<T> {

    /** Whether the value follows the rule. */
    boolean accepts(T value);

    /** The rule as the end of a sentence, e.g. {@code in [0, 65535]}. */
    String describe();

    /** A value in {@code [min, max]}, both ends included. */
    static <T extends Comparable<? super T>> Validator<T> between(T min, T max) {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        if (min.compareTo(max) > 0) {
            throw new IllegalArgumentException("min " + min + " is above max " + max);
        }
        return of(v -> v.compareTo(min) >= 0 && v.compareTo(max) <= 0,
                "in [" + display(min) + ", " + display(max) + "]");
    }

    /** A value of at least {@code min}. */
    static <T extends Comparable<? super T>> Validator<T> atLeast(T min) {
        Objects.requireNonNull(min, "min");
        return of(v -> v.compareTo(min) >= 0, "of at least " + display(min));
    }

    /** One of the listed values. */
    @SafeVarargs
    static <T> Validator<T> oneOf(T... allowed) {
        List<T> list = new ArrayList<>(allowed.length);
        for (T value : allowed) {
            list.add(value); // not List.of(allowed): handing a generic varargs array on is what -Xlint flags
        }
        return of(list::contains, "that is one of " + list.stream().map(Validator::display)
                .collect(Collectors.joining(", ", "[", "]")));
    }

    /**
     * A string matching a regular expression.
     *
     * @param description the rule in plain words for the error message, e.g.
     *                    {@code "of lower-case letters, digits and hyphens"}
     */
    static Validator<String> matches(String regex, String description) {
        Pattern pattern = Pattern.compile(regex);
        return of(v -> pattern.matcher(v).matches(), description);
    }

    /** A string with at least one non-blank character. */
    static Validator<String> notBlank() {
        return of(v -> !v.isBlank(), "that is not blank");
    }

    /** A list with at least one element. */
    static Validator<Collection<?>> notEmpty() {
        return of(v -> !v.isEmpty(), "that is not empty");
    }

    /** A validator from a predicate and its description. */
    static <T> Validator<T> of(java.util.function.Predicate<T> rule, String description) {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(description, "description");
        return new Validator<>() {
            @Override
            public boolean accepts(T value) {
                return rule.test(value);
            }

            @Override
            public String describe() {
                return description;
            }

            @Override
            public String toString() {
                return description;
            }
        };
    }

    private static String display(Object value) {
        return value instanceof Duration d ? DurationText.format(d) : String.valueOf(value);
    }
}
