package io.takt.oee.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.takt.schemas.EquipmentRef;
import io.takt.schemas.MachineState;
import io.takt.schemas.WindowKind;
import io.takt.schemas.WorkOrderStatus;

/** The stored forms of a machine's ledger (with its clock) and window elements read back as written. */
class LedgerCodecTest {

    private static final EquipmentRef PRESS = EquipmentRef.newBuilder().setId("site1.assembly.line2.press3")
            .setEnterprise("acme").setSite("site1").setArea("assembly").setLine("line2").setMachine("press3").build();

    @Test
    void shouldReadBackALedgerWithItsClockAsWritten() {
        // Given a ledger with two points (one without a reason), an order and a clock
        MachineLedger ledger = new MachineLedger(PRESS, 1_764_050_400_000L, 1_764_040_000_000L,
                List.of(new StatePoint(1_764_050_000_000L, MachineState.RUNNING, "Execute", null),
                        new StatePoint(1_764_050_100_000L, MachineState.FAULT, "Held", "JAM-ü")),
                new OrderBook(List.of(new OrderChange(1_764_040_000_000L, "WO-1", WorkOrderStatus.IN_PROGRESS, "A",
                        Map.of("A", 2500.0)))));

        // When it is written and read back
        MachineLedger read = LedgerCodec.decodeLedger(LedgerCodec.encode(ledger));

        // Then everything is as it was
        assertThat(read.equipment()).isEqualTo(PRESS);
        assertThat(read.clock()).isEqualTo(1_764_050_400_000L);
        assertThat(read.firstEvent()).isEqualTo(1_764_040_000_000L);
        assertThat(read.points()).isEqualTo(ledger.points());
        assertThat(read.orders().changes()).isEqualTo(ledger.orders().changes());
    }

    @Test
    void shouldReadBackWindowElementsWithNegativeCorrections() {
        // Given a window whose elements carry a retracted (negative) part and fractional ideal times
        Elements elements = new Elements();
        elements.addTime(TimeBucket.APT, 3_000_000L);
        elements.addTime(TimeBucket.ADET, -60_000L);
        elements.addQuantities(950, 30, 20, 1234.5);
        WindowRef window = new WindowRef(WindowKind.SHIFT, 1_764_050_400_000L, 1_764_079_200_000L, "2026-11-25/early");

        // When written and read back
        LedgerCodec.StoredWindow read = LedgerCodec.decodeWindow(WindowKind.SHIFT, window.start(),
                LedgerCodec.encode(window, elements));

        // Then: the window and every element, 1000 x 1234.5 = 1 234 500 ms ideal time of the produced units
        assertThat(read.window()).isEqualTo(window);
        assertThat(read.elements().time(TimeBucket.APT)).isEqualTo(3_000_000L);
        assertThat(read.elements().time(TimeBucket.ADET)).isEqualTo(-60_000L);
        assertThat(read.elements().produced()).isEqualTo(1000);
        assertThat(read.elements().idealTimeProduced()).isEqualTo(1_234_500.0);
        assertThat(read.elements().idealTimeGood()).isEqualTo(950 * 1234.5);
    }
}
