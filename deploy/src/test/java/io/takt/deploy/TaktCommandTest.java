package io.takt.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

class TaktCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cmd = TaktCommand.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Test
    void shouldListEveryCommandInTopLevelHelp() {
        // When
        int exit = run("--help");

        // Then
        assertThat(exit).isZero();
        for (String command : TaktCommand.commandLine().getSubcommands().keySet()) {
            assertThat(out.toString()).contains("  " + command + " ");
        }
    }

    @Test
    void shouldGiveEveryCommandItsOwnHelp() {
        // Given every command and sub-command, however deep
        List<String[]> paths = new ArrayList<>();
        collect(TaktCommand.commandLine(), new ArrayList<>(), paths);
        assertThat(paths).hasSizeGreaterThan(1);

        for (String[] path : paths) {
            // When its --help is asked for
            out.getBuffer().setLength(0);
            String[] args = append(path, "--help");
            int exit = run(args);

            // Then it prints its usage and a description
            assertThat(exit).as(String.join(" ", args)).isZero();
            assertThat(out.toString()).as(String.join(" ", args)).startsWith("Usage: takt");
        }
    }

    @Test
    void shouldFailWithUsageOnUnknownCommand() {
        int exit = run("brokr");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("Unmatched argument").contains("brokr");
    }

    @Test
    void shouldPrintVersion() {
        int exit = run("--version");

        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("takt ");
    }

    private static void collect(CommandLine cmd, List<String> prefix, List<String[]> into) {
        for (var entry : cmd.getSubcommands().entrySet()) {
            if (entry.getKey().equals("help")) {
                continue;
            }
            List<String> path = new ArrayList<>(prefix);
            path.add(entry.getKey());
            into.add(path.toArray(String[]::new));
            collect(entry.getValue(), path, into);
        }
        if (prefix.isEmpty()) {
            into.add(new String[0]);
        }
    }

    private static String[] append(String[] path, String last) {
        String[] args = java.util.Arrays.copyOf(path, path.length + 1);
        args[path.length] = last;
        return args;
    }
}
