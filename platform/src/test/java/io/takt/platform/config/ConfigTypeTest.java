package io.takt.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class ConfigTypeTest {

    enum Mode { LOG_AND_CONTINUE, FAIL }

    @Test
    void shouldReadHostPortListsIncludingIpv6() {
        assertThat(ConfigType.HOST_PORT_LIST.parse("broker-1:9092, broker-2:9093,[::1]:9094"))
                .containsExactly("broker-1:9092", "broker-2:9093", "[::1]:9094");
    }

    @Test
    void shouldRefuseHostPortWithoutPortOrOutOfRange() {
        assertThatThrownBy(() -> ConfigType.HOST_PORT_LIST.parse("broker-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConfigType.HOST_PORT_LIST.parse("broker-1:")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConfigType.HOST_PORT_LIST.parse("broker-1:70000")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConfigType.HOST_PORT_LIST.parse(" , ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldReadOnlyHttpUrlsWithAHost() {
        assertThat(ConfigType.URL_LIST.parse("http://a:8081,https://b"))
                .containsExactly(URI.create("http://a:8081"), URI.create("https://b"));
        assertThatThrownBy(() -> ConfigType.URL.parse("localhost:8081")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConfigType.URL.parse("ftp://a")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldReadEnumsInEitherSpellingAndWriteThemHyphenated() {
        ConfigType<Mode> type = ConfigType.enumOf(Mode.class);
        assertThat(type.parse("log-and-continue")).isEqualTo(Mode.LOG_AND_CONTINUE);
        assertThat(type.parse("LOG_AND_CONTINUE")).isEqualTo(Mode.LOG_AND_CONTINUE);
        assertThat(type.format(Mode.LOG_AND_CONTINUE)).isEqualTo("log-and-continue");
        assertThat(type.noun()).isEqualTo("one of [log-and-continue, fail]");
        assertThatThrownBy(() -> type.parse("retry")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldReadBooleansStrictly() {
        assertThat(ConfigType.BOOLEAN.parse("TRUE")).isTrue();
        assertThat(ConfigType.BOOLEAN.parse("false")).isFalse();
        // "yes" is a YAML 1.1 boolean but also a plausible typo for a string: refuse it
        assertThatThrownBy(() -> ConfigType.BOOLEAN.parse("yes")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldSplitListsAndDropEmptyEntries() {
        assertThat(ConfigType.LIST.parse("a, b,,c ")).containsExactly("a", "b", "c");
        assertThat(ConfigType.LIST.parse("")).isEmpty();
        assertThat(ConfigType.LIST.format(List.of("a", "b"))).isEqualTo("a,b");
    }

    @Test
    void shouldRefuseNonFiniteNumbersAndBlankPaths() {
        assertThatThrownBy(() -> ConfigType.DOUBLE.parse("NaN")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ConfigType.DOUBLE.parse("0.85")).isEqualTo(0.85);
        assertThatThrownBy(() -> ConfigType.PATH.parse(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ConfigType.PATH.parse("/var/lib/takt")).isEqualTo(Path.of("/var/lib/takt"));
    }

    @Test
    void shouldMaskPasswordsWhenFormatted() {
        Password secret = ConfigType.PASSWORD.parse("hunter2");
        assertThat(secret.value()).isEqualTo("hunter2");
        assertThat(secret.toString()).isEqualTo("[hidden]");
        assertThat(ConfigType.PASSWORD.format(secret)).isEqualTo("[hidden]");
    }
}
