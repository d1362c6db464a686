package io.takt.acquisition.tagmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.takt.schemas.MachineState;

class TagMapTest {

    // Lines 1..22: a valid head every test builds on; tags follow from line 23.
    static final String HEAD = """
            gateway:
              id: gw-press-shop-1
              site: site1
            equipment:
              - id: site1.press.line2.press3
                enterprise: acme
                area: press-shop
                line: line2
                machine: press3
              - id: site1.press.line2.press4
                enterprise: acme
                area: press-shop
                line: line2
                work-cell: cell1
                machine: press4
            sources:
              - id: plc-line2
                type: modbus
                connection:
                  url: modbus-tcp://127.0.0.1:502?default-unit-identifier=1
                  poll-interval: 1s
            tags:
            """;

    @TempDir
    Path dir;

    @Test
    void shouldReadEveryPartOfAValidMap() throws IOException {
        // Given a map with a PackML state tag, a 16-bit counter, a lot scan and a measurement
        Path file = write(HEAD + """
                  - source: plc-line2
                    address: holding-register:1:UINT
                    equipment: site1.press.line2.press3
                    role: state
                    states: packml
                    reason-states: {"1001": starved, "1002": BLOCKED}
                    debounce: 500ms
                  - source: plc-line2
                    address: holding-register:2:UINT
                    equipment: site1.press.line2.press3
                    role: good-count
                    rollover: 16
                  - source: plc-line2
                    address: holding-register:10:STRING(16)
                    equipment: site1.press.line2.press3
                    role: lot-in
                    material: MAT-4711
                    quantity: 25
                    uom: KGM
                  - source: plc-line2
                    address: holding-register:30:REAL
                    equipment: site1.press.line2.press4
                    role: quality
                    characteristic: bore-diameter
                    lower: 9.95
                    upper: 10.05
                    uom: mm
                    deadband: 0.01
                """);

        // When loaded
        TagMap map = TagMap.load(file);

        // Then every part is there, typed
        assertThat(map.gateway()).isEqualTo(new Gateway("gw-press-shop-1", "site1"));
        assertThat(map.equipment().get("site1.press.line2.press4").workCell()).isEqualTo("cell1");
        assertThat(map.equipment().get("site1.press.line2.press3").site()).isEqualTo("site1");
        assertThat(map.sources()).singleElement().satisfies(s -> {
            assertThat(s.type()).isEqualTo(SourceType.MODBUS);
            assertThat(s.connection()).containsEntry("poll-interval", "1s");
        });
        List<TagDefinition> tags = map.tagsOf("plc-line2");
        assertThat(tags).extracting(TagDefinition::role).containsExactly(TagRole.STATE, TagRole.GOOD_COUNT,
                TagRole.LOT_IN, TagRole.QUALITY);
        RoleOptions.State state = tags.get(0).options(RoleOptions.State.class);
        assertThat(state.states().name()).isEqualTo("packml");
        assertThat(state.reasonStates()).containsEntry("1001", MachineState.STARVED)
                .containsEntry("1002", MachineState.BLOCKED);
        assertThat(tags.get(0).debounce()).isEqualTo(Duration.ofMillis(500));
        // 16 bits wrap at 2^16 = 65536; the default plausible wrap distance is 65536 / 16 = 4096
        assertThat(tags.get(1).options(RoleOptions.Counter.class))
                .isEqualTo(new RoleOptions.Counter(65536, 4096, false));
        assertThat(tags.get(2).options(RoleOptions.Lot.class))
                .isEqualTo(new RoleOptions.Lot("MAT-4711", null, 25.0, null, "KGM", false));
        assertThat(tags.get(3).deadband()).isEqualTo(0.01);
        assertThat(tags.get(3).location().line()).isEqualTo(42);
    }

    @Test
    void shouldNameLineAndKeyPathOfATypoInARoleAndSuggestTheRightWord() throws IOException {
        // Given a good-count tag whose role is misspelt, on line 23 + 3 = 26
        Path file = write(HEAD + """
                  - source: plc-line2
                    address: holding-register:2:UINT
                    equipment: site1.press.line2.press3
                    role: good-cnt
                """);

        // When loaded
        TagMapException e = catchThrowableOfType(TagMapException.class, () -> TagMap.load(file));

        // Then the one problem names file, line, path, the allowed roles and the likely one
        assertThat(e.problems()).singleElement().hasToString("tagmap.yaml line 26, tags[0].role: unknown role"
                + " 'good-cnt' (allowed: attribute, good-count, reject-count, rework-count, product, work-order,"
                + " mode, reason, state, lot-in, lot-out, quality); did you mean 'good-count'?");
    }

    @Test
    void shouldReportEveryProblemAtOnceInFileOrder() throws IOException {
        // Given four independent mistakes in two tags
        Path file = write(HEAD + """
                  - source: plc-line3
                    address: holding-register:1:UINT
                    equipment: site1.press.line2.press3
                    role: state
                    states: {"0": IDLE, "6": RUNING}
                  - source: plc-line2
                    address: holding-register:2:UINT
                    equipment: site1.press.line2.press9
                    role: good-count
                    debounce: 2s
                """);

        // When loaded
        TagMapException e = catchThrowableOfType(TagMapException.class, () -> TagMap.load(file));

        // Then each is reported with its own line (tag 0 starts on line 23, tag 1 on line 28)
        assertThat(e.problems()).extracting(TagMapProblem::toString).containsExactly(
                "tagmap.yaml line 23, tags[0].source: no source with id 'plc-line3' is declared (declared: plc-line2);"
                        + " did you mean 'plc-line2'?",
                "tagmap.yaml line 27, tags[0].states.6: unknown state 'RUNING' (allowed: UNKNOWN, RUNNING, SETUP,"
                        + " FAULT, MINOR_STOP, IDLE, STARVED, BLOCKED, PLANNED_STOP); did you mean 'RUNNING'?",
                "tagmap.yaml line 30, tags[1].equipment: no equipment with id 'site1.press.line2.press9' is declared"
                        + " (declared: site1.press.line2.press3, site1.press.line2.press4);"
                        + " did you mean 'site1.press.line2.press3'?",
                "tagmap.yaml line 32, tags[1].debounce: does not apply to role 'good-count' (only to: state)");
        assertThat(e.getMessage()).startsWith("Invalid tag map (4 problems):");
    }

    @Test
    void shouldRefuseTheSameAddressTwiceOnOneSource() throws IOException {
        // Given two tags reading holding register 2 of the same PLC, the second starting on line 27
        Path file = write(HEAD + """
                  - source: plc-line2
                    address: holding-register:2:UINT
                    equipment: site1.press.line2.press3
                    role: good-count
                  - source: plc-line2
                    address: holding-register:2:UINT
                    equipment: site1.press.line2.press4
                    role: reject-count
                """);

        // When loaded
        TagMapException e = catchThrowableOfType(TagMapException.class, () -> TagMap.load(file));

        // Then the second is refused, pointing back at the first
        assertThat(e.problems()).singleElement().hasToString("tagmap.yaml line 28, tags[1].address: duplicate"
                + " address 'holding-register:2:UINT' of source 'plc-line2' (first at tags[0], line 23);"
                + " one tag has one meaning");
    }

    @Test
    void shouldRequireMissingKeysAndRefuseUnknownOnes() throws IOException {
        // Given a header with a misspelt root key and a tag without address and with a misspelt option
        Path file = write(HEAD.replace("equipment:\n  - id", "equipment:\n  - idd") + """
                  - source: plc-line2
                    equipment: site1.press.line2.press3
                    role: good-count
                    rolover: 16
                """);

        // When loaded
        TagMapException e = catchThrowableOfType(TagMapException.class, () -> TagMap.load(file));

        // Then the unknown key and missing id (line 5), the missing address (tag at line 23), the equipment
        // that no longer resolves (line 24) and
        // the misspelt option (line 26) are all named
        assertThat(e.problems()).extracting(TagMapProblem::toString).containsExactly(
                "tagmap.yaml line 5, equipment[0].idd: unknown key (allowed: id, enterprise, site, area, line,"
                        + " work-cell, machine); did you mean 'id'?",
                "tagmap.yaml line 5, equipment[0].id: missing; it is required",
                "tagmap.yaml line 23, tags[0].address: missing; it is required",
                "tagmap.yaml line 24, tags[0].equipment: no equipment with id 'site1.press.line2.press3' is declared"
                        + " (declared: site1.press.line2.press4); did you mean 'site1.press.line2.press4'?",
                "tagmap.yaml line 26, tags[0].rolover: unknown key (allowed for role 'good-count': source, address,"
                        + " equipment, role, poll-interval, source-options, rollover, max-increment, first-value);"
                        + " did you mean 'rollover'?");
    }

    @Test
    void shouldRefuseSiblingTagsThatAreNotDeclared() throws IOException {
        // Given a lot scan whose material comes from a register no tag declares
        Path file = write(HEAD + """
                  - source: plc-line2
                    address: holding-register:10:STRING(16)
                    equipment: site1.press.line2.press3
                    role: lot-out
                    material-tag: holding-register:20:STRING(16)
                """);

        // When loaded
        TagMapException e = catchThrowableOfType(TagMapException.class, () -> TagMap.load(file));

        // Then the reference is refused at its own line
        assertThat(e.problems()).singleElement().hasToString("tagmap.yaml line 27, tags[0].material-tag: no tag of"
                + " source 'plc-line2' has address 'holding-register:20:STRING(16)'; declare it (e.g. with role"
                + " 'attribute') so the source reads it");
    }

    @Test
    void shouldReportBrokenYamlWithItsLine() throws IOException {
        // Given a tab-indented line 3 in a YAML file
        Path file = write("gateway:\n  id: gw\n\tsite: site1\n");

        // When loaded
        TagMapException e = catchThrowableOfType(TagMapException.class, () -> TagMap.load(file));

        // Then the YAML error names the line
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message()).startsWith("not valid YAML");
        });
    }

    @Test
    void shouldLetASourceTypeCheckItsConnectionWithLines() throws IOException {
        // Given a check of modbus sources that wants a 'url' different from the one given on line 20
        Path file = write(HEAD);
        ConnectionCheck check = new ConnectionCheck() {
            @Override
            public SourceType type() {
                return SourceType.MODBUS;
            }

            @Override
            public List<TagMapProblem> check(SourceDefinition source, List<TagDefinition> tags) {
                return List.of(source.problem("url", "not reachable"), source.problem("timeout", "missing"));
            }
        };

        // When loaded with that check
        TagMapException e = catchThrowableOfType(TagMapException.class, () -> TagMap.load(file, check));

        // Then its problems carry the key's line, or the connection map's line for an absent key
        assertThat(e.problems()).extracting(TagMapProblem::toString).containsExactly(
                "tagmap.yaml line 20, sources[0].connection.url: not reachable",
                "tagmap.yaml line 20, sources[0].connection.timeout: missing");
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("tagmap.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
