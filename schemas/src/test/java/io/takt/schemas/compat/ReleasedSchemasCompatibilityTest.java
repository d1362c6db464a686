package io.takt.schemas.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import io.takt.schemas.EventContracts;

/**
 * The build's schema-evolution gate: every event contract must still read the data of its last release
 * ({@code schemas/src/released}), and no released contract may silently disappear. A failure names the
 * contract and the field; see schemas/README.md for what to do about it.
 */
class ReleasedSchemasCompatibilityTest {

    private static final Path RELEASED = Path.of(System.getProperty("basedir", "."), "src", "released");

    private static Map<String, Schema> released;
    private static Map<String, Schema> current;

    @BeforeAll
    static void readContracts() throws IOException {
        released = ReleasedSchemas.read(RELEASED);
        current = EventContracts.schemas();
    }

    @Test
    void shouldFindTheReleasedSchemas() {
        // Given the released directory of this module
        // When / Then: guard against a vacuous pass from a wrong path or an emptied directory
        assertThat(Files.isDirectory(RELEASED)).as(RELEASED.toAbsolutePath() + " is a directory").isTrue();
        assertThat(released).as("released schemas in " + RELEASED.toAbsolutePath()).isNotEmpty();
    }

    @TestFactory
    Stream<DynamicTest> everyContractShouldReadItsReleasedVersion() {
        TreeSet<String> names = new TreeSet<>(released.keySet());
        names.addAll(current.keySet());
        return names.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            // Given the current contract and its last release (either may be missing)
            // When
            var problems = ReleasedSchemas.problems(only(name, current), only(name, released));
            // Then
            if (!problems.isEmpty()) {
                fail(String.join("\n", problems));
            }
        }));
    }

    private static Map<String, Schema> only(String name, Map<String, Schema> schemas) {
        Schema schema = schemas.get(name);
        return schema == null ? Map.of() : Map.of(name, schema);
    }
}
