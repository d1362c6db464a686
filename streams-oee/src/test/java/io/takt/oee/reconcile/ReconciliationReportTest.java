package io.takt.oee.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.takt.oee.OeeStores;
import io.takt.schemas.OeeKpi;
import io.takt.schemas.SampleEvents;
import io.takt.schemas.WindowStatus;

class ReconciliationReportTest {

    private static String key(OeeKpi kpi) {
        return OeeStores.kpiKey(kpi.getEquipmentId(), kpi.getWindowKind(), kpi.getWindowStart().toEpochMilli());
    }

    @Test
    void shouldFindTheOneFieldThatDiffersAndToleratePerformanceRounding() {
        // Given the sample hour, and a batch copy with APT one second longer and P off by 1e-12 relative
        OeeKpi published = SampleEvents.oeeKpi();
        OeeKpi batch = OeeKpi.newBuilder(published).setActualProductionTimeMillis(2_401_000L)
                .setPerformance(published.getPerformance() * (1 + 1e-12)).build();

        // When compared
        ReconciliationReport report = ReconciliationReport.compare(Map.of(key(published), published),
                Map.of(key(batch), batch));

        // Then exactly APT differs, with both values
        assertThat(report.exitCode()).isEqualTo(ReconciliationReport.DIFFERENT);
        assertThat(report.findings()).singleElement().satisfies(f -> assertThat(f.fields())
                .containsExactly(new FieldDifference("actualProductionTimeMillis", 2_400_000L, 2_401_000L)));
        StringWriter out = new StringWriter();
        report.print(new PrintWriter(out), 10);
        assertThat(out.toString()).contains("actualProductionTimeMillis").contains("stream=2400000 batch=2401000");
    }

    @Test
    void shouldReportAWindowFinalOnOneSideOnly() {
        // Given the sample hour FINAL in the stream, but only SO_FAR in the batch
        OeeKpi published = SampleEvents.oeeKpi();
        OeeKpi batch = OeeKpi.newBuilder(published).setStatus(WindowStatus.SO_FAR).build();

        // When compared
        ReconciliationReport report = ReconciliationReport.compare(Map.of(key(published), published),
                Map.of(key(batch), batch));

        // Then it is reported, naming what the batch has
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(WindowFinding.Kind.FINAL_ONLY_IN_STREAM);
            assertThat(f.note()).contains("SO_FAR");
        });
        assertThat(report.compared()).isZero();
    }

    @Test
    void shouldBeIdenticalWhenEveryFinalWindowAgrees() {
        OeeKpi published = SampleEvents.oeeKpi();

        ReconciliationReport report = ReconciliationReport.compare(Map.of("k", published),
                Map.of(key(published), OeeKpi.newBuilder(published).build()));

        assertThat(report.exitCode()).isEqualTo(ReconciliationReport.IDENTICAL);
        assertThat(report.compared()).isEqualTo(1);
    }
}
