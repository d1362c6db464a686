package io.takt.acquisition.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.takt.acquisition.mqtt.sparkplug.SparkplugDataType;
import io.takt.acquisition.simulator.plant.MachineDescription;
import io.takt.acquisition.simulator.plant.Plant;
import io.takt.acquisition.simulator.plant.PlantListener;
import io.takt.acquisition.simulator.plant.PlantSettings;
import io.takt.acquisition.simulator.plant.TagDefinition;
import io.takt.acquisition.simulator.plant.TagType;
import org.junit.jupiter.api.Test;

/** The Sparkplug types the simulator's tags are declared with. */
class SparkplugFaceTest {

    @Test
    void shouldDeclareEachPlcTypeAsTheSparkplugTypeOfTheSameWidth() {
        assertThat(SparkplugFace.metricType(TagType.INT32)).isEqualTo(SparkplugDataType.INT32);
        assertThat(SparkplugFace.metricType(TagType.UINT16)).isEqualTo(SparkplugDataType.UINT16);
        assertThat(SparkplugFace.metricType(TagType.UINT32)).isEqualTo(SparkplugDataType.UINT32);
        assertThat(SparkplugFace.metricType(TagType.STRING)).isEqualTo(SparkplugDataType.STRING);
        assertThat(SparkplugFace.metricType(TagType.DOUBLE)).isEqualTo(SparkplugDataType.DOUBLE);
    }

    @Test
    void shouldCarryEveryValueAPlantGivesInItsTagsMetricType() {
        // Given a 1-line plant (Line1.Press1 with 16-bit counters, Gauge1 measuring thickness) run for
        // 3 simulated hours
        Plant plant = new Plant(PlantSettings.builder().seed(11).lines(1).build());
        Map<String, TagType> types = new HashMap<>();
        for (MachineDescription machine : plant.machines()) {
            for (TagDefinition tag : machine.tags()) {
                types.put(machine.id() + "." + tag.name(), tag.type());
            }
        }
        List<Object[]> heard = new ArrayList<>();
        plant.addListener((PlantListener) (machineId, tag, value, time) ->
                heard.add(new Object[] {machineId + "." + tag, value}));
        plant.advance(Duration.ofHours(3));

        // Then each value survives the trip through its metric type unchanged (Int32 as the Long the
        // gateway's Sparkplug source delivers)
        assertThat(heard).hasSizeGreaterThan(1000);
        for (Object[] change : heard) {
            SparkplugDataType type = SparkplugFace.metricType(types.get((String) change[0]));
            Object sent = change[1];
            Object expected = sent instanceof Integer i ? (Object) i.longValue() : sent;
            assertThat(type.toSampleValue(type.toMetricValue(sent))).as("%s = %s", change[0], sent).contains(expected);
        }
        assertThat(heard).anySatisfy(c -> assertThat(c[0]).isEqualTo("Line1.Press1.GoodCount"));
        assertThat(heard).anySatisfy(c -> assertThat(c[1]).isInstanceOf(Double.class));
    }
}
