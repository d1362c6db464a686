package io.takt.oee.reconcile;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.takt.oee.OeeStores;
import io.takt.schemas.EquipmentLevel;
import io.takt.schemas.OeeKpi;
import io.takt.schemas.WindowKind;
import io.takt.schemas.WindowStatus;

/**
 * The outcome of comparing the stream's FINAL windows with the batch recomputation: counts per
 * level and window kind, and every window that differs. A window holding nothing at all (no
 * planned time, no units, no stops) is taken as equal to no window.
 */
public final class ReconciliationReport {

    /** Exit code: every FINAL window agrees. */
    public static final int IDENTICAL = 0;
    /** Exit code: at least one window differs or is FINAL on one side only. */
    public static final int DIFFERENT = 1;
    /** Exit code: the comparison could not run. */
    public static final int NOT_RUN = 2;

    static final Set<WindowKind> KINDS = Set.of(WindowKind.MINUTE, WindowKind.HOUR, WindowKind.SHIFT, WindowKind.DAY);
    static final Set<EquipmentLevel> LEVELS =
            Set.of(EquipmentLevel.MACHINE, EquipmentLevel.LINE, EquipmentLevel.AREA, EquipmentLevel.SITE);

    /** Per level and kind: windows compared, identical, and empty ones present on one side only. */
    private final Map<EquipmentLevel, Map<WindowKind, int[]>> counts = new EnumMap<>(EquipmentLevel.class);
    private final List<WindowFinding> findings = new ArrayList<>();

    private ReconciliationReport() {
    }

    /**
     * Compares two sets of windows keyed by {@link OeeStores#kpiKey}.
     *
     * @param published the stream's latest record per key
     * @param batch     the batch's windows, FINAL or SO_FAR
     */
    public static ReconciliationReport compare(Map<String, OeeKpi> published, Map<String, OeeKpi> batch) {
        ReconciliationReport report = new ReconciliationReport();
        Map<String, OeeKpi> stream = new HashMap<>();
        published.values().forEach(k -> stream.put(key(k), k));
        stream.values().stream().filter(ReconciliationReport::checked).filter(ReconciliationReport::isFinal)
                .sorted(ReconciliationReport::byEquipmentKindStart)
                .forEach(s -> report.compareFinal(s, batch.get(key(s))));
        batch.values().stream().filter(ReconciliationReport::checked).filter(ReconciliationReport::isFinal)
                .filter(b -> !isFinal(stream.get(key(b))))
                .sorted(ReconciliationReport::byEquipmentKindStart)
                .forEach(b -> report.finalOnOneSide(b, stream.get(key(b)), WindowFinding.Kind.FINAL_ONLY_IN_BATCH));
        return report;
    }

    private void compareFinal(OeeKpi stream, OeeKpi batch) {
        if (!isFinal(batch)) {
            finalOnOneSide(stream, batch, WindowFinding.Kind.FINAL_ONLY_IN_STREAM);
            return;
        }
        int[] c = counts(stream);
        c[0]++;
        List<FieldDifference> fields = KpiComparison.differences(stream, batch);
        if (fields.isEmpty()) {
            c[1]++;
        } else {
            findings.add(finding(WindowFinding.Kind.DIFFERENT, stream, "", fields));
        }
    }

    private void finalOnOneSide(OeeKpi finalOne, OeeKpi other, WindowFinding.Kind kind) {
        if (KpiComparison.isEmpty(finalOne)) {
            counts(finalOne)[2]++;
            return;
        }
        String otherSide = kind == WindowFinding.Kind.FINAL_ONLY_IN_STREAM ? "batch" : "stream";
        String note = other == null ? "no window in the " + otherSide
                : "the " + otherSide + " has it " + other.getStatus();
        findings.add(finding(kind, finalOne, note, List.of()));
    }

    /** 0 identical, 1 differences. */
    public int exitCode() {
        return findings.isEmpty() ? IDENTICAL : DIFFERENT;
    }

    public List<WindowFinding> findings() {
        return Collections.unmodifiableList(findings);
    }

    /** Windows FINAL on both sides, over all levels and kinds. */
    public int compared() {
        return counts.values().stream().flatMap(m -> m.values().stream()).mapToInt(c -> c[0]).sum();
    }

    /** Prints the counts per level and kind, then the first {@code maxDifferences} findings field by field. */
    public void print(PrintWriter out, int maxDifferences) {
        out.printf("%-8s %-7s %9s %9s %9s %11s%n", "level", "window", "compared", "identical", "different",
                "empty-skip");
        counts.forEach((level, byKind) -> byKind.forEach((kind, c) -> out.printf("%-8s %-7s %9d %9d %9d %11d%n",
                level, kind, c[0], c[1], c[0] - c[1], c[2])));
        long onlyStream = findings.stream().filter(f -> f.kind() == WindowFinding.Kind.FINAL_ONLY_IN_STREAM).count();
        long onlyBatch = findings.stream().filter(f -> f.kind() == WindowFinding.Kind.FINAL_ONLY_IN_BATCH).count();
        out.printf("%d window(s) compared, %d differ; %d FINAL only in the stream, %d FINAL only in the batch%n",
                compared(), findings.size() - onlyStream - onlyBatch, onlyStream, onlyBatch);
        findings.stream().limit(maxDifferences).forEach(f -> print(f, out));
        if (findings.size() > maxDifferences) {
            out.printf("... and %d more (raise --max-differences to see them)%n", findings.size() - maxDifferences);
        }
        out.println(findings.isEmpty() ? "IDENTICAL" : "DIFFERENT");
        out.flush();
    }

    private static void print(WindowFinding f, PrintWriter out) {
        out.printf("%s %s %s %s %s%s%n", f.kind(), f.level(), f.equipmentId(), f.windowKind(),
                Instant.ofEpochMilli(f.windowStart()), f.note().isEmpty() ? "" : " (" + f.note() + ")");
        f.fields().forEach(d -> out.printf("    %-28s stream=%s batch=%s%n", d.field(), d.stream(), d.batch()));
    }

    private int[] counts(OeeKpi kpi) {
        return counts.computeIfAbsent(kpi.getLevel(), l -> new EnumMap<>(WindowKind.class))
                .computeIfAbsent(kpi.getWindowKind(), k -> new int[3]);
    }

    private static WindowFinding finding(WindowFinding.Kind kind, OeeKpi kpi, String note,
            List<FieldDifference> fields) {
        return new WindowFinding(kind, kpi.getLevel(), kpi.getEquipmentId(), kpi.getWindowKind(),
                kpi.getWindowStart().toEpochMilli(), note, fields);
    }

    private static String key(OeeKpi kpi) {
        return OeeStores.kpiKey(kpi.getEquipmentId(), kpi.getWindowKind(), kpi.getWindowStart().toEpochMilli());
    }

    private static boolean checked(OeeKpi kpi) {
        return KINDS.contains(kpi.getWindowKind()) && LEVELS.contains(kpi.getLevel());
    }

    private static boolean isFinal(OeeKpi kpi) {
        return kpi != null && kpi.getStatus() == WindowStatus.FINAL;
    }

    private static int byEquipmentKindStart(OeeKpi a, OeeKpi b) {
        return key(a).compareTo(key(b));
    }
}
