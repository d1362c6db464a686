package io.takt.schemas.compat;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class FieldNamesTest {

    /** 0 tags: map of Reading; 1 readings: ["null", array of Reading]. Reading: 0 value. */
    private static final Schema SAMPLE = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Sample\",\"fields\":["
            + "{\"name\":\"tags\",\"type\":{\"type\":\"map\",\"values\":{\"type\":\"record\",\"name\":\"Reading\","
            + "\"fields\":[{\"name\":\"value\",\"type\":\"double\"}]}}},"
            + "{\"name\":\"readings\",\"type\":[\"null\",{\"type\":\"array\",\"items\":\"Reading\"}],\"default\":null}]}");

    @Test
    void shouldStepThroughMapValues() {
        // Given / When / Then
        assertThat(FieldNames.fieldPath(SAMPLE, "/fields/0/type/values/fields/0/type")).isEqualTo("tags.value");
    }

    @Test
    void shouldStepThroughUnionAndArrayItems() {
        // Given / When / Then
        assertThat(FieldNames.fieldPath(SAMPLE, "/fields/1/type/1/items/fields/0/type")).isEqualTo("readings.value");
    }

    @Test
    void shouldStopQuietlyAtPositionsTheSchemaDoesNotHave() {
        // Given pointers with a union branch and a field index past the end
        // When / Then: the names found so far, no exception
        assertThat(FieldNames.fieldPath(SAMPLE, "/fields/1/type/5/items")).isEqualTo("readings");
        assertThat(FieldNames.fieldPath(SAMPLE, "/fields/7/type")).isEmpty();
    }

    @Test
    void shouldSayWhereWhenNoFieldIsInvolved() {
        // Given a problem with the record itself
        ReadProblem problem = new ReadProblem("NAME_MISMATCH", "/name", "expected: Other");
        // When / Then
        assertThat(FieldNames.explain(problem, SAMPLE)).isEqualTo("NAME_MISMATCH at /name: expected: Other");
    }
}
