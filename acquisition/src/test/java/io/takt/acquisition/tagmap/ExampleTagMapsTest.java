package io.takt.acquisition.tagmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the tag maps integrators copy from valid: every {@code examples/*.yaml} shipped with the
 * gateway, and every complete tag map in the module README, must load with every source type's
 * connection check, exactly as the gateway loads a tag map at start-up.
 */
class ExampleTagMapsTest {

    /** The examples the README points to, one per kind of source. */
    static final List<String> DOCUMENTED = List.of("tagmap-opcua.yaml", "tagmap-modbus.yaml",
            "tagmap-sparkplug.yaml", "tagmap-mqtt-json.yaml");

    /** A fenced YAML block of the README, with the line its text starts on. */
    static final Pattern YAML_BLOCK = Pattern.compile("(?m)^```yaml\\n(.*?)^```", Pattern.DOTALL);

    @TempDir
    Path dir;

    @Test
    void shouldCheckEverySourceTypeTheTagMapKnows() {
        // Given the checks the gateway runs when it loads a tag map
        ConnectionCheck[] checks = gatewayChecks();

        // Then there is one for every source type, so no example's connection map goes unchecked
        assertThat(Arrays.stream(checks).map(ConnectionCheck::type)).containsExactlyInAnyOrder(SourceType.values());
    }

    @Test
    void shouldShipTheDocumentedExamples() throws IOException {
        // Given the examples directory
        List<String> names = exampleFiles().stream().map(p -> p.getFileName().toString()).toList();

        // Then it holds the example the README names for each kind of source
        assertThat(names).containsAll(DOCUMENTED);
    }

    @TestFactory
    Stream<DynamicTest> everyExampleLoadsWithEveryConnectionCheck() throws IOException {
        return exampleFiles().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            // When the example is loaded as the gateway loads it
            TagMap map = load(file);

            // Then it is valid, and says something about each source it declares
            assertThat(map.tags()).as("tags of %s", file.getFileName()).isNotEmpty();
            map.sources().forEach(source -> assertThat(map.tagsOf(source.id()))
                    .as("tags of source '%s' in %s", source.id(), file.getFileName()).isNotEmpty());
        }));
    }

    @Test
    void shouldShowEachKindOfSourceInItsOwnExample() throws IOException {
        // Given the documented examples, loaded
        for (String name : DOCUMENTED) {
            TagMap map = load(exampleDirectory().resolve(name));
            String kind = name.substring("tagmap-".length(), name.length() - ".yaml".length());

            // Then each declares a source of the kind its name promises
            assertThat(map.sources()).as("sources of %s", name).extracting(s -> s.type().yamlName()).contains(kind);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCompleteTagMapInTheReadmeLoads() throws IOException {
        Path readme = Path.of("README.md");
        assertThat(readme).as("acquisition/README.md, read from the module directory").isRegularFile();
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        List<DynamicTest> tests = new ArrayList<>();
        Matcher block = YAML_BLOCK.matcher(text);
        while (block.find()) {
            String yaml = block.group(1);
            if (!Pattern.compile("(?m)^gateway:").matcher(yaml).find()) {
                continue; // a fragment (one tag, one source), not a whole tag map
            }
            int line = 1 + (int) text.substring(0, block.start(1)).chars().filter(c -> c == '\n').count();
            tests.add(DynamicTest.dynamicTest("README.md line " + line, () -> {
                Path file = dir.resolve("readme-line-" + line + ".yaml");
                Files.writeString(file, yaml, StandardCharsets.UTF_8);
                assertThat(load(file).tags()).isNotEmpty();
            }));
        }
        assertThat(tests).as("complete tag maps in the README").isNotEmpty();
        return tests.stream();
    }

    private static TagMap load(Path file) {
        try {
            return TagMap.load(file, gatewayChecks());
        } catch (TagMapException e) {
            return fail(e.getMessage());
        }
    }

    private static List<Path> exampleFiles() throws IOException {
        try (Stream<Path> files = Files.list(exampleDirectory())) {
            List<Path> yaml = files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
            assertThat(yaml).as("examples/*.yaml").isNotEmpty();
            return yaml;
        }
    }

    /**
     * The examples as written (and as packaged from): {@code src/main/resources/examples} of this
     * module, read from the module directory where Maven runs the tests. Not the class path copy,
     * which can still hold a renamed example until the next clean build.
     */
    private static Path exampleDirectory() {
        Path examples = Path.of("src", "main", "resources", "examples");
        assertThat(examples).as("the examples directory, read from the module directory").isDirectory();
        return examples;
    }

    /**
     * The checks the gateway itself runs ({@code SourceKind.checks()}, package-private in the
     * gateway package), so that a source type added there is checked here too.
     */
    private static ConnectionCheck[] gatewayChecks() {
        try {
            Method checks = Class.forName("io.takt.acquisition.gateway.SourceKind").getDeclaredMethod("checks");
            checks.setAccessible(true);
            return (ConnectionCheck[]) checks.invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot call SourceKind.checks(): " + e, e);
        }
    }
}
