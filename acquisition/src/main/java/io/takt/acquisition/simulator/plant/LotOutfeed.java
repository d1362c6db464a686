package io.takt.acquisition.simulator.plant;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The last machine of a line filling output lots: when a lot holds its size in good parts it is
 * completed and handed to the next line's stock (or to finished goods); the next lot shows on the
 * machine's {@code LotOut} tag when its first part goes in, and {@code LotSource} shows the input lot
 * of the part just put (as PLC material tracking does). A changeover completes a part-filled lot
 * early, so a lot never mixes work orders.
 */
final class LotOutfeed implements Outfeed {

    private final LotStock stock;
    private final int lotSize;
    private final String idPrefix;
    private Machine machine;
    private String openLot;
    private boolean nextLotPending;
    private int quantity;
    private final Set<String> sources = new LinkedHashSet<>();

    LotOutfeed(LotStock stock, int lotSize, String idPrefix) {
        this.stock = stock;
        this.lotSize = lotSize;
        this.idPrefix = idPrefix;
    }

    /** Attaches the machine; its first lot shows on LotOut with the first part, like every other. */
    void attach(Machine fillingMachine) {
        this.machine = fillingMachine;
        this.openLot = fillingMachine.plant().nextLotId(idPrefix);
        this.nextLotPending = true;
    }

    @Override
    public boolean canAccept() {
        return stock.hasRoom();
    }

    // The next lot shows on LotOut with its first part, at the same instant as that part's
    // LotSource: a lot is open exactly while parts go into it, so a genealogy that links the input
    // lots a station shows to the output lot it shows (overlap in time) finds no input of a part
    // that never went into the lot.
    @Override
    public void put(String sourceLot) {
        if (quantity == 0 && nextLotPending) {
            machine.lotOpened(openLot);
            nextLotPending = false;
        }
        machine.partSourced(sourceLot);
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
        nextLotPending = true;
        stock.add(lot);
        plant.lotCompleted(lot);
    }
}
