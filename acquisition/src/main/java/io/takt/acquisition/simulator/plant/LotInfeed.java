package io.takt.acquisition.simulator.plant;

import java.util.function.Supplier;

/**
 * The first machine of a line loading input lots one after another: raw material from an endless
 * supply, or intermediate lots from the line before. Loading a lot shows on the machine's
 * {@code LotIn} tag.
 */
final class LotInfeed implements Infeed {

    private final LotStock stock;
    private final Supplier<Lot> rawSupply;
    private Machine machine;
    private String currentLot;
    private int remaining;

    private LotInfeed(LotStock stock, Supplier<Lot> rawSupply) {
        this.stock = stock;
        this.rawSupply = rawSupply;
    }

    static LotInfeed fromStock(LotStock stock) {
        return new LotInfeed(stock, null);
    }

    static LotInfeed fromRawSupply(Supplier<Lot> rawSupply) {
        return new LotInfeed(null, rawSupply);
    }

    void attach(Machine loadingMachine) {
        this.machine = loadingMachine;
    }

    @Override
    public boolean hasPart() {
        return remaining > 0 || stock == null || !stock.isEmpty();
    }

    @Override
    public String take() {
        if (remaining == 0) {
            Lot next = stock == null ? rawSupply.get() : stock.poll();
            currentLot = next.id();
            remaining = next.quantity();
            machine.lotLoaded(currentLot);
        }
        remaining--;
        return currentLot;
    }
}
