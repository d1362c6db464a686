package io.takt.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import picocli.CommandLine;

/**
 * {@code takt bench genealogy} runs end to end on a small plant (embedded broker, registry and the
 * genealogy app) and prints the ingest next to the pass-through baseline and the traces next to
 * single-lot lookups. Figures are not checked, tests never time anything; the lot graph is: on a
 * plant this small every lot must be there with the parents the linking rule gives.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class GenealogyBenchCommandIT {

    @Test
    void shouldPrintTheIngestAndTheTracesAgainstTheirBaselines() {
        StringWriter out = new StringWriter();
        CommandLine cmd = TaktCommand.commandLine();
        cmd.setOut(new PrintWriter(out, true));

        // When the benchmark runs a plant of 3,000 lots and 100 traces each way
        int exit = cmd.execute("bench", "genealogy", "--lots", "3000", "--queries", "100");

        // Then every part is printed, each figure next to its baseline, and the graph is whole
        assertThat(exit).isZero();
        assertThat(out.toString())
                .contains("Genealogy benchmark: 3,000 lots, 5,500 movements; 100 backward and 100 forward traces "
                                + "at depth 10 over REST",
                        "plant: 12 levels (raw, 10 intermediate, finished) x 40 stations",
                        "movements written and read back (baseline)",
                        "genealogy app: movements -> traceable lot graph",
                        "the last lots of 440 of 440 stations had the parents the rule gives",
                        "lot graph (the app's global stores): 3,000 of 3,000 lots, 6,110 links for 6,110 by the rule",
                        "heap used after GC:", "state dir",
                        "1,000 as the rule gives",
                        "GET /api/lots/{id}: one lot (baseline)",
                        "backward trace of a finished lot, depth 10", "forward trace of a raw lot, depth 10",
                        "goal p99 <= 20 ms over REST at depth 10: backward")
                .doesNotContain("NOT complete", "answers were errors", "NOT e.g.")
                .containsPattern("-> \\d+\\.\\d\\dx the throughput of 'movements written and read back \\(baseline\\)'")
                .containsPattern("backward trace of a finished lot, depth 10[^\\n]*\\R  -> \\d+\\.\\d\\dx the throughput "
                        + "of 'GET /api/lots/\\{id\\}: one lot \\(baseline\\)'")
                .containsPattern("forward trace of a raw lot, depth 10[^\\n]*\\R  -> \\d+\\.\\d\\dx the throughput "
                        + "of 'GET /api/lots/\\{id\\}: one lot \\(baseline\\)'")
                .containsPattern("backward: \\d+\\.\\d lots and \\d+\\.\\d links a trace on average");
    }
}
