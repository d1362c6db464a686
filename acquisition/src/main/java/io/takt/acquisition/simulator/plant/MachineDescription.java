package io.takt.acquisition.simulator.plant;

import java.util.List;
import java.util.Optional;

/**
 * What a machine is and which tags it has, for building an address space or a register map.
 *
 * @param id       {@code <Line>.<Machine>}, e.g. {@code Line1.Press1}
 * @param line     e.g. {@code Line1}
 * @param name     e.g. {@code Press1}
 * @param position 0-based place on its line, in the direction parts flow
 * @param tags     its tags in a fixed order
 * @param quality  the characteristic it measures (the last machine of each line), if any
 */
public record MachineDescription(String id, String line, String name, int position, List<TagDefinition> tags,
                                 Optional<QualityCharacteristic> quality) {

    public MachineDescription {
        tags = List.copyOf(tags);
    }
}
