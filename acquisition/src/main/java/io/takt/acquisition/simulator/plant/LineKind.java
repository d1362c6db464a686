package io.takt.acquisition.simulator.plant;

import java.util.List;

/**
 * What a line does at its stage of a flow (raw → intermediate → finished goods): the machine types
 * along it, the inspection machine at its end with the characteristic it measures, and the product
 * variants it makes.
 */
enum LineKind {
    FORMING(List.of("Press", "Trim", "Weld"), "Gauge",
            new QualityCharacteristic("Thickness", "mm", 2.0, 1.95, 2.05),
            List.of("BLANK-100", "BLANK-200", "BLANK-300")),
    FINISHING(List.of("Washer", "Painter", "Oven"), "Vision",
            new QualityCharacteristic("CoatingThickness", "um", 80.0, 70.0, 90.0),
            List.of("PANEL-100", "PANEL-200", "PANEL-300")),
    ASSEMBLY(List.of("Assembler", "Screwer", "Packer"), "Checkweigher",
            new QualityCharacteristic("Weight", "g", 500.0, 495.0, 505.0),
            List.of("ASSY-100", "ASSY-200", "ASSY-300"));

    private final List<String> machineTypes;
    private final String inspectionType;
    private final QualityCharacteristic characteristic;
    private final List<String> products;

    LineKind(List<String> machineTypes, String inspectionType, QualityCharacteristic characteristic,
             List<String> products) {
        this.machineTypes = machineTypes;
        this.inspectionType = inspectionType;
        this.characteristic = characteristic;
        this.products = products;
    }

    static LineKind atStage(int stage) {
        return values()[stage % values().length];
    }

    /**
     * Machine names along a line of {@code count} machines: the types in turn, numbered per type
     * ({@code Press1, Trim1, Weld1, Press2, ...}), ending with the inspection machine ({@code Gauge1}).
     */
    List<String> machineNames(int count) {
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> i == count - 1 ? inspectionType + "1"
                        : machineTypes.get(i % machineTypes.size()) + (i / machineTypes.size() + 1))
                .toList();
    }

    QualityCharacteristic characteristic() {
        return characteristic;
    }

    List<String> products() {
        return products;
    }
}
