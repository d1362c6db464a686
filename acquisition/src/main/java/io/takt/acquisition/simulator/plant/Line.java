package io.takt.acquisition.simulator.plant;

import java.util.ArrayList;
import java.util.List;

/**
 * A production line: machines in a row joined by part buffers, working one work order at a time.
 * When its last machine has finished the order's quantity the whole line changes over to the next
 * order, for a different product.
 */
final class Line {

    private final Plant plant;
    private final String id;
    private final int number;
    private final LineKind kind;
    private final List<Machine> machines = new ArrayList<>();
    private WorkOrder workOrder;
    private int orderSequence;
    private int goodInOrder;

    Line(Plant plant, int number, LineKind kind) {
        this.plant = plant;
        this.id = "Line" + number;
        this.number = number;
        this.kind = kind;
        this.workOrder = nextWorkOrder(null);
    }

    String id() {
        return id;
    }

    LineKind kind() {
        return kind;
    }

    WorkOrder workOrder() {
        return workOrder;
    }

    List<Machine> machines() {
        return machines;
    }

    void add(Machine machine) {
        machines.add(machine);
    }

    Machine first() {
        return machines.get(0);
    }

    Machine last() {
        return machines.get(machines.size() - 1);
    }

    /** The last machine finished a good part of the current order. */
    void goodPartFinished() {
        goodInOrder++;
        if (goodInOrder >= workOrder.quantity()) {
            workOrder = nextWorkOrder(workOrder.productId());
            goodInOrder = 0;
            plant.workOrderStarted(id, workOrder);
            machines.forEach(Machine::requestChangeover);
        }
    }

    private WorkOrder nextWorkOrder(String currentProduct) {
        List<String> products = new ArrayList<>(kind.products());
        products.remove(currentProduct);
        String product = products.get(plant.random().nextInt(products.size()));
        PlantSettings settings = plant.settings();
        int quantity = settings.minOrderQuantity()
                + plant.random().nextInt(settings.maxOrderQuantity() - settings.minOrderQuantity() + 1);
        orderSequence++;
        return new WorkOrder(String.format("WO-L%d-%05d", number, orderSequence), product, quantity);
    }
}
