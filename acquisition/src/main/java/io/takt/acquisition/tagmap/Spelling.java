package io.takt.acquisition.tagmap;

import io.takt.platform.config.KeySuggestion;

import java.util.Collection;

/** Finds the word a misspelt one was probably meant to be, for "did you mean ...?". */
final class Spelling {

    private Spelling() {
    }

    /** {@code "; did you mean 'x'?"} or nothing. */
    static String hint(String typed, Collection<String> candidates) {
        return KeySuggestion.closest(typed, candidates).map(c -> "; did you mean '" + c + "'?").orElse("");
    }
}
