package io.takt.acquisition.simulator.plant;

/** What a line is making: order id, product and how many good parts finish it. */
public record WorkOrder(String id, String productId, int quantity) {
}
