package io.takt.erp.confirm;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import io.takt.erp.IdentityMapping;
import io.takt.platform.config.ConfigException;
import io.takt.schemas.Confirmation;

/**
 * The ERP's words for a confirmation: the work center of a machine and the unit code of a piece,
 * taken from the identity mapping the other way round.
 */
public record ConfirmationTerms(Function<String, String> workCenters, String pieceUnit) {

    /** Takt's unit of the counted quantities: one piece (UN/ECE Rec. 20). */
    public static final String PIECE = "H87";

    /**
     * @param source names the mapping in the error, e.g. the setting it came from
     * @throws ConfigException when the mapping has no ERP unit for pieces: confirmations could not
     *                         say their unit
     */
    public static ConfirmationTerms of(IdentityMapping mapping, String source) {
        String unit = mapping.erpUnit(PIECE).orElseThrow(() -> new ConfigException(List.of(source
                + ": no uom.<ERP unit> = " + PIECE + " entry; confirmations need the ERP's unit for pieces")));
        return new ConfirmationTerms(machine -> mapping.workCenter(machine).orElse(null), unit);
    }

    /** An empty confirmation of {@code order} on {@code machine}, starting and ending at {@code time}. */
    Confirmation newConfirmation(String order, String machine, Instant time) {
        return Confirmation.newBuilder()
                .setConfirmationId(ConfirmationTopology.confirmationId(order, machine))
                .setWorkOrderId(order)
                .setEquipmentId(machine)
                .setErpWorkCenter(workCenters.apply(machine))
                .setGoodQuantity(0).setScrapQuantity(0).setReworkQuantity(0)
                .setUnit(pieceUnit)
                .setActualStart(time).setActualEnd(time)
                .setMachineTimeMillis(0).setCountEvents(0)
                .build();
    }
}
