package io.takt.acquisition.mqtt.json;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicFilterTest {

    @Test
    void shouldMatchSingleLevelWildcardsLevelByLevel() {
        TopicFilter filter = TopicFilter.parse("plant1/+/+/status");
        assertThat(filter.matches("plant1/line1/press1/status")).isTrue();
        assertThat(filter.matches("plant1/line1/status")).isFalse();
        assertThat(filter.matches("plant1/line1/press1/status/x")).isFalse();
        assertThat(filter.matches("plant2/line1/press1/status")).isFalse();
    }

    @Test
    void shouldMatchTheParentAndEverythingBelowWithAFinalHash() {
        TopicFilter filter = TopicFilter.parse("plant1/#");
        assertThat(filter.matches("plant1")).isTrue();
        assertThat(filter.matches("plant1/a/b/c")).isTrue();
        assertThat(filter.matches("plant2/a")).isFalse();
    }

    @Test
    void shouldNotLetAWildcardAtTheFirstLevelMatchBrokerTopics() {
        assertThat(TopicFilter.parse("#").matches("$SYS/broker/uptime")).isFalse();
        assertThat(TopicFilter.parse("+/broker/uptime").matches("$SYS/broker/uptime")).isFalse();
        assertThat(TopicFilter.parse("$SYS/#").matches("$SYS/broker/uptime")).isTrue();
    }

    @Test
    void shouldRefuseMalformedFilters() {
        assertThatThrownBy(() -> TopicFilter.parse("plant1/line+")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TopicFilter.parse("plant1/#/status")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TopicFilter.parse("")).isInstanceOf(IllegalArgumentException.class);
    }
}
