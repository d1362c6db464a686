package io.takt.schemas.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The gate's judge. Expected messages are written out by hand: field positions are counted in the frozen
 * 0.1 contracts of {@link FrozenContracts} (MachineStateChanged: 0 equipment, 1 state, 2 rawState, 3 rawMode, 4 reasonCode, 5 sourceTimestamp,
 * 6 receiveTimestamp, 7 source, 8 sequence; EquipmentRef: 0 id, 1 enterprise, 2 site, 3 area, 4 line,
 * 5 workCell, 6 machine).
 */
class CompatibilityCheckerTest {

    private static final Schema STATE_CHANGED = FrozenContracts.MACHINE_STATE_CHANGED;

    private static List<String> backward(Schema candidate, Schema released) {
        return CompatibilityChecker.problems(CompatibilityLevel.BACKWARD, candidate, List.of(released));
    }

    @Nested
    class IncompatibleChanges {

        @Test
        void shouldRejectRequiredFieldAddedWithoutDefault() {
            // Given a new field 'shift' with no default: data written before it has no value to read
            Schema candidate = SchemaVariant.of(STATE_CHANGED)
                    .addField("MachineStateChanged", "{\"name\":\"shift\",\"type\":\"string\",\"doc\":\"d\"}")
                    .build();
            // When
            List<String> problems = backward(candidate, STATE_CHANGED);
            // Then: appended after the 9 existing fields, so at /fields/9
            assertThat(problems).containsExactly(
                    "BACKWARD: READER_FIELD_MISSING_DEFAULT_VALUE field 'shift' (/fields/9): shift");
        }

        @Test
        void shouldRejectChangedFieldType() {
            // Given sequence narrowed from long to int
            Schema candidate = SchemaVariant.of(STATE_CHANGED)
                    .changeFieldType("MachineStateChanged", "sequence", "\"int\"").build();
            // When
            List<String> problems = backward(candidate, STATE_CHANGED);
            // Then
            assertThat(problems).containsExactly("BACKWARD: TYPE_MISMATCH field 'sequence' (/fields/8/type): "
                    + "reader type: INT not compatible with writer type: LONG");
        }

        @Test
        void shouldRejectEnumSymbolRemovedWithoutDefault() {
            // Given MachineState without a default symbol, losing PLANNED_STOP
            Schema released = SchemaVariant.of(STATE_CHANGED).dropEnumDefault("MachineState").build();
            Schema candidate = SchemaVariant.of(released).removeEnumSymbol("MachineState", "PLANNED_STOP").build();
            // When
            List<String> problems = backward(candidate, released);
            // Then
            assertThat(problems).containsExactly(
                    "BACKWARD: MISSING_ENUM_SYMBOLS field 'state' (/fields/1/type/symbols): [PLANNED_STOP]");
        }

        @Test
        void shouldNameNestedFieldPathWhenNestedRecordFieldTypeChanges() {
            // Given EquipmentRef.line changed from string to int
            Schema candidate = SchemaVariant.of(STATE_CHANGED)
                    .changeFieldType("EquipmentRef", "line", "\"int\"").build();
            // When
            List<String> problems = backward(candidate, STATE_CHANGED);
            // Then
            assertThat(problems).containsExactly("BACKWARD: TYPE_MISMATCH field 'equipment.line' "
                    + "(/fields/0/type/fields/4/type): reader type: INT not compatible with writer type: STRING");
        }

        @Test
        void shouldNameNestedFieldPathWhenRequiredFieldAddedToNestedRecord() {
            // Given EquipmentRef gains a required 'plant' after its 7 fields
            Schema candidate = SchemaVariant.of(STATE_CHANGED)
                    .addField("EquipmentRef", "{\"name\":\"plant\",\"type\":\"string\",\"doc\":\"d\"}").build();
            // When
            List<String> problems = backward(candidate, STATE_CHANGED);
            // Then
            assertThat(problems).containsExactly("BACKWARD: READER_FIELD_MISSING_DEFAULT_VALUE field "
                    + "'equipment.plant' (/fields/0/type/fields/7): plant");
        }

        @Test
        void shouldNameNestedFieldPathInsideOptionalRecord() {
            // Given QualityResult.equipment is ["null", EquipmentRef] at position 8, and EquipmentRef.line changes;
            // plain Avro says only "reader union lacking writer type: RECORD" at the union
            Schema released = FrozenContracts.QUALITY_RESULT;
            Schema candidate = SchemaVariant.of(released).changeFieldType("EquipmentRef", "line", "\"int\"").build();
            // When
            List<String> problems = backward(candidate, released);
            // Then: the record is branch 1 of the reader's union
            assertThat(problems).containsExactly("BACKWARD: TYPE_MISMATCH field 'equipment.line' "
                    + "(/fields/8/type/1/fields/4/type): reader type: INT not compatible with writer type: STRING");
        }

        @Test
        void shouldNameFieldPathInsideArrayItems() {
            // Given WorkOrder.idealCycleTimes (position 9) holds IdealCycleTime, whose millisPerUnit (position 2)
            // becomes a string
            Schema released = FrozenContracts.WORK_ORDER;
            Schema candidate = SchemaVariant.of(released)
                    .changeFieldType("IdealCycleTime", "millisPerUnit", "\"string\"").build();
            // When
            List<String> problems = backward(candidate, released);
            // Then
            assertThat(problems).containsExactly("BACKWARD: TYPE_MISMATCH field 'idealCycleTimes.millisPerUnit' "
                    + "(/fields/9/type/items/fields/2/type): reader type: STRING not compatible with writer type: "
                    + "DOUBLE");
        }

        @Test
        void shouldRejectOptionalFieldMadeRequired() {
            // Given reasonCode (position 4) changed from ["null","string"] to "string": old nulls cannot be read
            Schema candidate = SchemaVariant.of(STATE_CHANGED)
                    .changeFieldType("MachineStateChanged", "reasonCode", "\"string\"")
                    .dropFieldDefault("MachineStateChanged", "reasonCode").build();
            // When
            List<String> problems = backward(candidate, STATE_CHANGED);
            // Then
            assertThat(problems).singleElement().asString()
                    .startsWith("BACKWARD: TYPE_MISMATCH field 'reasonCode' (/fields/4/type")
                    .endsWith("reader type: STRING not compatible with writer type: NULL");
        }

        @Test
        void shouldRejectTimestampPrecisionChangeThatAvroAloneAccepts() {
            // Given sourceTimestamp (position 5) read as micros: decodes fine, wrong by a factor of 1000
            Schema candidate = SchemaVariant.of(STATE_CHANGED).changeFieldType("MachineStateChanged",
                    "sourceTimestamp", "{\"type\":\"long\",\"logicalType\":\"timestamp-micros\"}").build();
            // When
            List<String> problems = backward(candidate, STATE_CHANGED);
            // Then
            assertThat(problems).containsExactly("BACKWARD: LOGICAL_TYPE_MISMATCH field 'sourceTimestamp' "
                    + "(/fields/5/type): reader logical type: timestamp-micros not compatible with writer logical "
                    + "type: timestamp-millis");
        }

        @Test
        void shouldRejectLogicalTypeChangeInsideOptionalField() {
            // Given WorkOrder.plannedStart (position 7) is ["null", timestamp-millis] and becomes micros
            Schema released = FrozenContracts.WORK_ORDER;
            Schema candidate = SchemaVariant.of(released).changeFieldType("WorkOrder", "plannedStart",
                    "[\"null\",{\"type\":\"long\",\"logicalType\":\"timestamp-micros\"}]").build();
            // When
            List<String> problems = backward(candidate, released);
            // Then: the long is branch 1 of the reader's union
            assertThat(problems).containsExactly("BACKWARD: LOGICAL_TYPE_MISMATCH field 'plannedStart' "
                    + "(/fields/7/type/1): reader logical type: timestamp-micros not compatible with writer logical "
                    + "type: timestamp-millis");
        }

        @Test
        void shouldRejectDecimalScaleChange() {
            // Given a price read with another scale: 12.34 (1234, scale 2) would read as 1.234
            Schema released = record("{\"name\":\"price\",\"type\":{\"type\":\"bytes\",\"logicalType\":\"decimal\","
                    + "\"precision\":9,\"scale\":2}}");
            Schema candidate = record("{\"name\":\"price\",\"type\":{\"type\":\"bytes\",\"logicalType\":\"decimal\","
                    + "\"precision\":9,\"scale\":3}}");
            // When
            List<String> problems = backward(candidate, released);
            // Then
            assertThat(problems).containsExactly("BACKWARD: LOGICAL_TYPE_MISMATCH field 'price' (/fields/0/type): "
                    + "reader decimal(9,3) cannot hold writer decimal(9,2)");
        }
    }

    @Nested
    class CompatibleChanges {

        @Test
        void shouldAcceptOptionalFieldAddedWithNullDefault() {
            // Given an optional 'shift' with default null
            Schema candidate = SchemaVariant.of(STATE_CHANGED).addField("MachineStateChanged",
                    "{\"name\":\"shift\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"d\"}").build();
            // When / Then: new readers fill null, old readers skip it
            assertThat(CompatibilityChecker.problems(CompatibilityLevel.FULL, candidate, List.of(STATE_CHANGED)))
                    .isEmpty();
        }

        @Test
        void shouldAcceptOptionalFieldAddedToNestedRecord() {
            // Given EquipmentRef gains an optional 'plant'
            Schema candidate = SchemaVariant.of(STATE_CHANGED).addField("EquipmentRef",
                    "{\"name\":\"plant\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"d\"}").build();
            // When / Then
            assertThat(CompatibilityChecker.problems(CompatibilityLevel.FULL, candidate, List.of(STATE_CHANGED)))
                    .isEmpty();
        }

        @Test
        void shouldAcceptPromotedFieldType() {
            // Given goodQuantity widened from long to double: a double can hold every long written before
            Schema released = FrozenContracts.PRODUCTION_COUNT;
            Schema candidate = SchemaVariant.of(released)
                    .changeFieldType("ProductionCount", "goodQuantity", "\"double\"").build();
            // When / Then
            assertThat(backward(candidate, released)).isEmpty();
        }

        @Test
        void shouldAcceptEnumSymbolRemovedWhenEnumHasDefault() {
            // Given MachineState loses BLOCKED but keeps its default UNKNOWN: old BLOCKED data reads as UNKNOWN
            Schema candidate = SchemaVariant.of(STATE_CHANGED).removeEnumSymbol("MachineState", "BLOCKED").build();
            // When / Then
            assertThat(backward(candidate, STATE_CHANGED)).isEmpty();
        }

        @Test
        void shouldLetOldReadersReadNewEnumSymbolThroughTheDefault() {
            // Given a new state MAINTENANCE
            Schema candidate = SchemaVariant.of(STATE_CHANGED).addEnumSymbol("MachineState", "MAINTENANCE").build();
            // When / Then: an old reader maps MAINTENANCE to UNKNOWN instead of failing
            assertThat(CompatibilityChecker.problems(CompatibilityLevel.FULL, candidate, List.of(STATE_CHANGED)))
                    .isEmpty();
        }

        @Test
        void shouldRejectNewEnumSymbolForOldReadersWhenEnumHasNoDefault() {
            // Given the same new symbol, but an enum without default
            Schema released = SchemaVariant.of(STATE_CHANGED).dropEnumDefault("MachineState").build();
            Schema candidate = SchemaVariant.of(released).addEnumSymbol("MachineState", "MAINTENANCE").build();
            // When
            List<String> problems = CompatibilityChecker.problems(CompatibilityLevel.FORWARD, candidate,
                    List.of(released));
            // Then: the old reader is the one that fails
            assertThat(problems).containsExactly(
                    "FORWARD: MISSING_ENUM_SYMBOLS field 'state' (/fields/1/type/symbols): [MAINTENANCE]");
        }
    }

    @Nested
    class Levels {

        private final Schema v1 = record("{\"name\":\"x\",\"type\":\"string\"}");
        private final Schema v2 = record("{\"name\":\"x\",\"type\":\"string\"}",
                "{\"name\":\"y\",\"type\":\"int\",\"default\":0}");
        /** y without default: reads v2 (which has y) but not v1 (which has none). */
        private final Schema v3 = record("{\"name\":\"x\",\"type\":\"string\"}", "{\"name\":\"y\",\"type\":\"int\"}");

        @Test
        void shouldCompareWithLatestVersionOnlyWhenNotTransitive() {
            // Given / When
            List<String> problems = CompatibilityChecker.problems(CompatibilityLevel.BACKWARD, v3, List.of(v1, v2));
            // Then
            assertThat(problems).isEmpty();
        }

        @Test
        void shouldCompareWithEveryVersionWhenTransitive() {
            // Given / When
            List<String> problems = CompatibilityChecker.problems(CompatibilityLevel.BACKWARD_TRANSITIVE, v3,
                    List.of(v1, v2));
            // Then: only v1 lacks y
            assertThat(problems).containsExactly("BACKWARD: READER_FIELD_MISSING_DEFAULT_VALUE field 'y' (/fields/1): y");
        }

        @Test
        void shouldRejectRequiredFieldRemovedForOldReadersUnderForward() {
            // Given rawState (position 2 in the old schema) removed
            Schema candidate = SchemaVariant.of(STATE_CHANGED).removeField("MachineStateChanged", "rawState").build();
            // When
            List<String> forward = CompatibilityChecker.problems(CompatibilityLevel.FORWARD, candidate,
                    List.of(STATE_CHANGED));
            List<String> backward = backward(candidate, STATE_CHANGED);
            // Then: new readers do not care, old readers miss it; the path is in the old (reading) schema
            assertThat(backward).isEmpty();
            assertThat(forward).containsExactly(
                    "FORWARD: READER_FIELD_MISSING_DEFAULT_VALUE field 'rawState' (/fields/2): rawState");
        }

        @Test
        void shouldCheckBothDirectionsUnderFull() {
            // Given a candidate that adds a required field and removes another
            Schema candidate = SchemaVariant.of(STATE_CHANGED).removeField("MachineStateChanged", "rawState")
                    .addField("MachineStateChanged", "{\"name\":\"shift\",\"type\":\"string\",\"doc\":\"d\"}").build();
            // When
            List<String> problems = CompatibilityChecker.problems(CompatibilityLevel.FULL, candidate,
                    List.of(STATE_CHANGED));
            // Then: 8 fields remain before shift, so shift is at /fields/8 of the candidate
            assertThat(problems).containsExactly(
                    "BACKWARD: READER_FIELD_MISSING_DEFAULT_VALUE field 'shift' (/fields/8): shift",
                    "FORWARD: READER_FIELD_MISSING_DEFAULT_VALUE field 'rawState' (/fields/2): rawState");
        }

        @Test
        void shouldReportNothingAtLevelNoneOrWithoutEarlierVersions() {
            // Given / When / Then
            assertThat(CompatibilityChecker.problems(CompatibilityLevel.NONE, v3, List.of(v1))).isEmpty();
            assertThat(CompatibilityChecker.problems(CompatibilityLevel.FULL_TRANSITIVE, v3, List.of())).isEmpty();
        }
    }

    @Nested
    class Robustness {

        @Test
        void shouldReportProblemOfSharedNestedTypeOnce() {
            // Given one named type used by two fields; Avro reports its problem once per use, both at the first
            String oldPlace = "{\"type\":\"record\",\"name\":\"Place\",\"fields\":[{\"name\":\"line\",\"type\":\"string\"}]}";
            String newPlace = oldPlace.replace("\"string\"", "\"int\"");
            Schema released = record("{\"name\":\"from\",\"type\":" + oldPlace + "}", "{\"name\":\"to\",\"type\":\"Place\"}");
            Schema candidate = record("{\"name\":\"from\",\"type\":" + newPlace + "}", "{\"name\":\"to\",\"type\":\"Place\"}");
            // When
            List<String> problems = backward(candidate, released);
            // Then
            assertThat(problems).containsExactly("BACKWARD: TYPE_MISMATCH field 'from.line' (/fields/0/type/fields/0/type): "
                    + "reader type: INT not compatible with writer type: STRING");
        }

        @Test
        void shouldPointAtTheReaderUnionWhenWriterUnionHasABranchTheReaderLacks() {
            // Given the reader drops the long branch of x; Avro points at the writer's branch index 2, which the
            // two-branch reader union does not have
            Schema released = record("{\"name\":\"x\",\"type\":[\"null\",\"string\",\"long\"],\"default\":null}");
            Schema candidate = record("{\"name\":\"x\",\"type\":[\"null\",\"string\"],\"default\":null}");
            // When
            List<String> problems = backward(candidate, released);
            // Then
            assertThat(problems).containsExactly(
                    "BACKWARD: MISSING_UNION_BRANCH field 'x' (/fields/0/type): reader union lacking writer type: LONG");
        }

        @Test
        void shouldTerminateOnRecursiveSchema() {
            // Given a linked list whose node value changes type
            String oldNode = "{\"type\":\"record\",\"name\":\"Node\",\"fields\":[{\"name\":\"value\",\"type\":\"string\"},"
                    + "{\"name\":\"next\",\"type\":[\"null\",\"Node\"],\"default\":null}]}";
            String newNode = oldNode.replace("\"string\"", "\"int\"");
            Schema released = record("{\"name\":\"head\",\"type\":[\"null\"," + oldNode + "],\"default\":null}");
            Schema candidate = record("{\"name\":\"head\",\"type\":[\"null\"," + newNode + "],\"default\":null}");
            // When
            List<String> problems = backward(candidate, released);
            // Then
            assertThat(problems).isNotEmpty().allSatisfy(problem -> assertThat(problem).contains("field 'head"));
            assertThat(problems).anySatisfy(problem -> assertThat(problem).contains("field 'head.value'"));
        }
    }

    private static Schema record(String... fields) {
        return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Sample\",\"namespace\":\"test\",\"fields\":["
                + String.join(",", fields) + "]}");
    }
}
