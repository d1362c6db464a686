package io.takt.platform.topic;

import java.util.List;
import java.util.Optional;

/**
 * A catalogue topic next to what the cluster has, for {@code takt topics list}.
 *
 * @param spec     what the catalogue says
 * @param existing the topic on the cluster; empty if it is missing
 * @param drifts   differences between the two; empty if missing or as specified
 */
public record TopicStatus(TopicSpec spec, Optional<ExistingTopic> existing, List<TopicDrift> drifts) {

    public TopicStatus {
        drifts = List.copyOf(drifts);
    }

    public boolean exists() {
        return existing.isPresent();
    }
}
