package io.takt.acquisition.mqtt.sparkplug;

import io.takt.acquisition.mqtt.sparkplug.SparkplugTopic.MessageType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SparkplugTopicTest {

    @Test
    void shouldParseNodeAndDeviceTopicsAndWriteThemBack() {
        assertThat(SparkplugTopic.parse("spBv1.0/Plant1/NBIRTH/Line1-Edge"))
                .contains(SparkplugTopic.node("Plant1", MessageType.NBIRTH, "Line1-Edge"));
        SparkplugTopic device = SparkplugTopic.parse("spBv1.0/Plant1/DDATA/Line1-Edge/Press1").orElseThrow();
        assertThat(device.deviceId()).isEqualTo("Press1");
        assertThat(device.mqttTopic()).isEqualTo("spBv1.0/Plant1/DDATA/Line1-Edge/Press1");
    }

    @Test
    void shouldRejectWhatIsNotAGroupTopic() {
        assertThat(SparkplugTopic.parse("spBv1.0/STATE/scada")).isEmpty();
        assertThat(SparkplugTopic.parse("spBv1.0/Plant1/NDATA/Line1-Edge/Press1")).isEmpty();
        assertThat(SparkplugTopic.parse("spBv1.0/Plant1/DDATA/Line1-Edge")).isEmpty();
        assertThat(SparkplugTopic.parse("spBv1.0/Plant1/XDATA/Line1-Edge")).isEmpty();
        assertThat(SparkplugTopic.parse("spAv1.0/Plant1/NDATA/Line1-Edge")).isEmpty();
        assertThat(SparkplugTopic.parse("spBv1.0//NDATA/Line1-Edge")).isEmpty();
    }

    @Test
    void shouldFormAddressesWithAndWithoutDevice() {
        assertThat(SparkplugAddress.of("Plant1", "Line1-Edge", "Press1", "State"))
                .isEqualTo("Plant1/Line1-Edge/Press1/State");
        assertThat(SparkplugAddress.of("Plant1", "Line1-Edge", null, "Node Control/Rebirth"))
                .isEqualTo("Plant1/Line1-Edge/Node Control/Rebirth");
    }
}
