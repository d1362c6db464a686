package io.takt.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** What the demo does with its data directory before it starts anything. */
class DemoCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cmd = TaktCommand.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Test
    void shouldNeverResetADirectoryThatIsNotTheDemos() throws Exception {
        // Given a directory someone keeps other things in
        Path precious = Files.writeString(dir.resolve("recipes.csv"), "press,12\n");

        // When the demo is pointed at it with --reset
        int exit = run("demo", "--reset", "--data-dir", dir.toString());

        // Then it refuses at start-up, names the directory and why, and deletes nothing
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains(dir.toString(), "not a Takt demo's data directory", DemoCommand.MARKER);
        assertThat(precious).hasContent("press,12");
    }

    @Test
    void shouldRefuseToMixItsDataIntoAForeignDirectoryEvenWithoutReset() throws Exception {
        Files.writeString(dir.resolve("recipes.csv"), "press,12\n");

        int exit = run("demo", "--data-dir", dir.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("not a Takt demo's data directory");
        assertThat(dir.resolve(DemoCommand.MARKER)).doesNotExist();
    }
}
