package io.takt.acquisition.mapping;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Remembers what has been warned about, so a value polled every second is logged once, not forever. */
final class WarnOnce {

    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /** True the first time {@code key} is seen. */
    boolean first(String key) {
        return warned.add(key);
    }
}
