package io.takt.schemas.compat;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;

import io.takt.schemas.EventContracts;

/**
 * Cuts a release of the event contracts: writes every current contract to the released-schemas
 * directory, after checking it can still read the previous release. A command-line tool; see
 * {@code schemas/README.md} for how to run it.
 */
public final class ReleaseSchemas {

    private ReleaseSchemas() {
    }

    /** {@code ReleaseSchemas <released-dir>}; exits 1 without writing anything when the release would break readers. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java -cp <classpath> " + ReleaseSchemas.class.getName()
                    + " <released-dir, e.g. schemas/src/released>");
            System.exit(2);
        }
        System.exit(release(Path.of(args[0]), EventContracts.schemas(), System.out, System.err));
    }

    /** Releases {@code current} into {@code directory}; returns the exit code (0 released, 1 refused). */
    static int release(Path directory, Map<String, Schema> current, PrintStream out, PrintStream err)
            throws IOException {
        Map<String, Schema> released = ReleasedSchemas.read(directory);
        List<String> problems = ReleasedSchemas.problems(current, released);
        if (!problems.isEmpty()) {
            err.println("Not released: the current contracts cannot follow the last release.");
            problems.forEach(problem -> err.println("  " + problem));
            err.println("Fix the contract (add a default, make the field optional), or for a deliberate break"
                    + " give the record a new name on a new topic version (.v2).");
            return 1;
        }
        for (Map.Entry<String, Schema> contract : current.entrySet()) {
            String name = contract.getKey();
            boolean changed = ReleasedSchemas.write(directory, name, contract.getValue());
            String what = !released.containsKey(name) ? "new" : changed ? "changed" : "unchanged";
            out.println(name + ": " + what);
        }
        out.println("Released " + current.size() + " contracts to " + directory
                + "; commit them and tag the release.");
        return 0;
    }
}
