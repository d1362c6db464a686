package io.takt.acquisition.simulator.plant;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The last machine of a line filling output lots: when a lot holds its size in good parts it is
 * completed, handed to the next line's stock (or to finished goods), and the next lot opens, which
 * shows on the machine's {@code LotOut} tag. A changeover completes a part-filled lot early, so a
 * lot never mixes work orders.
 */
final class LotOutfeed implements Outfeed {

    private final LotStock stock;
    private final int lotSize;
    private final String idPrefix;
    private Machine machine;
    private String openLot;
    private int quantity;
    private final Set<String> sources = new LinkedHashSet<>();

    LotOutfeed(LotStock stock, int lotSize, String idPrefix) {
        this.stock = stock;
        this.lotSize = lotSize;
        this.idPrefix = idPrefix;
    }

    /** Attaches the machine and opens the first lot; returns its id. */
    String attach(Machine fillingMachine) {
        this.machine = fillingMachine;
        this.openLot = fillingMachine.plant().nextLotId(idPrefix);
        return openLot;
    }

    @Override
    public boolean canAccept() {
        return stock.hasRoom();
    }

    @Override
    public void put(String sourceLot) {
        quantity++;
        sources.add(sourceLot);
        if (quantity == lotSize) {
            completeLot();
        }
    }

    /** Completes the open lot now if it holds any parts (at a changeover). */
    void completeEarly() {
        if (quantity > 0) {
            completeLot();
        }
    }

    private void completeLot() {
        Plant plant = machine.plant();
        Lot lot = new Lot(openLot, machine.productId(), machine.id(), quantity, sources.stream().toList(),
                plant.now());
        quantity = 0;
        sources.clear();
        openLot = plant.nextLotId(idPrefix);
        stock.add(lot);
        plant.lotCompleted(lot);
        machine.lotOpened(openLot);
    }
}
