package io.takt.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The house rules of the contracts (schemas/README.md), checked on every named type the events reach. */
class ContractConventionsTest {

    /** Field names that say "a point in time": these must be timestamp-millis. */
    private static final Pattern TIME_NAME = Pattern.compile("start|end|.*(Timestamp|At|Start|End|Until)");

    private static final Map<String, Schema> NAMED = new LinkedHashMap<>();

    @BeforeAll
    static void collectNamedTypes() {
        EventContracts.schemas().values().forEach(ContractConventionsTest::collect);
    }

    @Test
    void shouldDocumentEveryRecordEnumAndField() {
        // Given every record and enum reachable from the event contracts
        List<String> undocumented = new ArrayList<>();
        // When
        NAMED.values().forEach(type -> {
            if (isBlank(type.getDoc())) {
                undocumented.add(type.getName());
            }
            if (type.getType() == Schema.Type.RECORD) {
                type.getFields().stream().filter(field -> isBlank(field.doc()))
                        .forEach(field -> undocumented.add(type.getName() + "." + field.name()));
            }
        });
        // Then
        assertThat(NAMED).containsKeys("EquipmentRef", "SourceRef", "Quantity", "IdealCycleTime", "MachineState");
        assertThat(undocumented).isEmpty();
    }

    @Test
    void shouldGiveEveryEnumADefaultSymbolSoOldReadersSurviveNewSymbols() {
        // Given / When
        List<String> withoutDefault = NAMED.values().stream()
                .filter(type -> type.getType() == Schema.Type.ENUM && type.getEnumDefault() == null)
                .map(Schema::getName).toList();
        // Then
        assertThat(withoutDefault).isEmpty();
    }

    @Test
    void shouldMakeEveryOptionalFieldANullFirstUnionDefaultingToNull() {
        // Given / When
        List<String> offending = new ArrayList<>();
        forEachField((record, field) -> {
            if (field.schema().getType() == Schema.Type.UNION) {
                List<Schema> branches = field.schema().getTypes();
                boolean nullFirstPair = branches.size() == 2 && branches.get(0).getType() == Schema.Type.NULL;
                if (!nullFirstPair || field.defaultVal() != JsonProperties.NULL_VALUE) {
                    offending.add(record.getName() + "." + field.name());
                }
            }
        });
        // Then
        assertThat(offending).isEmpty();
    }

    @Test
    void shouldCarryEveryPointInTimeAsTimestampMillis() {
        // Given fields named like points in time, and any field with a time logical type
        List<String> offending = new ArrayList<>();
        List<String> checked = new ArrayList<>();
        // When
        forEachField((record, field) -> {
            Schema type = nonNull(field.schema());
            String logical = type.getProp("logicalType");
            boolean namedAsTime = TIME_NAME.matcher(field.name()).matches();
            if (namedAsTime || (logical != null && logical.contains("time"))) {
                checked.add(field.name());
                if (type.getType() != Schema.Type.LONG || !"timestamp-millis".equals(logical)) {
                    offending.add(record.getName() + "." + field.name());
                }
            }
        });
        // Then: guard against a vacuous pass (the pattern must really find the time fields)
        assertThat(checked).contains("sourceTimestamp", "receiveTimestamp", "windowStart", "end", "lastChangedAt");
        assertThat(offending).isEmpty();
    }

    @Test
    void shouldPutEveryNamedTypeInTheTaktNamespace() {
        // Given / When / Then
        assertThat(NAMED.values()).allSatisfy(type -> assertThat(type.getNamespace()).isEqualTo("io.takt.schemas"));
    }

    private interface FieldVisitor {
        void visit(Schema record, Schema.Field field);
    }

    private static void forEachField(FieldVisitor visitor) {
        NAMED.values().stream().filter(type -> type.getType() == Schema.Type.RECORD)
                .forEach(record -> record.getFields().forEach(field -> visitor.visit(record, field)));
    }

    private static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        return schema.getTypes().stream().filter(branch -> branch.getType() != Schema.Type.NULL).findFirst()
                .orElse(schema);
    }

    private static void collect(Schema schema) {
        switch (schema.getType()) {
            case RECORD -> {
                if (NAMED.putIfAbsent(schema.getName(), schema) == null) {
                    schema.getFields().forEach(field -> collect(field.schema()));
                }
            }
            case ENUM, FIXED -> NAMED.putIfAbsent(schema.getName(), schema);
            case UNION -> schema.getTypes().forEach(ContractConventionsTest::collect);
            case ARRAY -> collect(schema.getElementType());
            case MAP -> collect(schema.getValueType());
            default -> {
                // primitives
            }
        }
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
