package io.takt.platform.serde;

/**
 * Confluent's default subject naming: a topic's keys are registered under {@code <topic>-key} and
 * its values under {@code <topic>-value}.
 */
public final class TopicNameStrategy {

    private TopicNameStrategy() {
    }

    /** The subject that the key or value schemas of {@code topic} live under. */
    public static String subjectName(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }
}
