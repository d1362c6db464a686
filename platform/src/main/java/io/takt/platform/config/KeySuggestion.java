package io.takt.platform.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the name an unknown one was probably meant to be, for "did you mean ...?": config keys
 * here, and tag map keys, roles and ids in the edge gateway.
 */
public final class KeySuggestion {

    private KeySuggestion() {
    }

    /** The closest candidate, if it is close enough to be a typo rather than another word. */
    public static Optional<String> closest(String unknown, Collection<String> candidates) {
        String wanted = normalise(unknown);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(wanted, normalise(candidate));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        int tolerated = Math.max(2, wanted.length() / 3);
        return bestDistance <= tolerated ? Optional.ofNullable(best) : Optional.empty();
    }

    // KAFKA_BOOTSTRAP_SERVERS, kafka-bootstrap-servers and good_count/good-count are the same
    // mistake as a typo: fold them.
    private static String normalise(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '.').replace('-', '.');
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
