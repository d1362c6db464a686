package io.takt.platform.serde;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * A hand-written stand-in for an Avro-generated SpecificRecord, for tests only: a machine's good
 * and scrapped parts. This is version 2 of its schema; version 1 had no {@code scrapParts}.
 */
public class PartCount extends SpecificRecordBase {

    public static final Schema SCHEMA$ = new Schema.Parser().parse("""
            {"type": "record", "name": "PartCount", "namespace": "io.takt.platform.serde",
             "fields": [
               {"name": "machineId", "type": {"type": "string", "avro.java.string": "String"}},
               {"name": "goodParts", "type": "long"},
               {"name": "scrapParts", "type": "int", "default": 0}
             ]}
            """);

    private String machineId;
    private long goodParts;
    private int scrapParts;

    /** For Avro, which creates the record and then puts each field. */
    public PartCount() {
    }

    public PartCount(String machineId, long goodParts, int scrapParts) {
        this.machineId = machineId;
        this.goodParts = goodParts;
        this.scrapParts = scrapParts;
    }

    public static Schema getClassSchema() {
        return SCHEMA$;
    }

    @Override
    public Schema getSchema() {
        return SCHEMA$;
    }

    @Override
    public Object get(int field) {
        return switch (field) {
            case 0 -> machineId;
            case 1 -> goodParts;
            case 2 -> scrapParts;
            default -> throw new IndexOutOfBoundsException("PartCount has no field " + field);
        };
    }

    @Override
    public void put(int field, Object value) {
        switch (field) {
            case 0 -> machineId = value == null ? null : value.toString();
            case 1 -> goodParts = (Long) value;
            case 2 -> scrapParts = (Integer) value;
            default -> throw new IndexOutOfBoundsException("PartCount has no field " + field);
        }
    }

    public String getMachineId() {
        return machineId;
    }

    public long getGoodParts() {
        return goodParts;
    }

    public int getScrapParts() {
        return scrapParts;
    }
}
