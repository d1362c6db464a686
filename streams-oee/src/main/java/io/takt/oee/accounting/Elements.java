package io.takt.oee.accounting;

import java.nio.ByteBuffer;

/**
 * The additive ISO 22400 elements of one window: time per bucket, minor stops, failures and
 * quantities with their ideal times. Everything a KPI needs and nothing derived, so elements of
 * intervals, windows and machines add up (and subtract, to correct a late event).
 */
public final class Elements {

    private static final int LONGS = 13;

    // Indexes into values; kept as one array so add, subtract and encode stay one loop.
    static final int PDOT = 0;
    static final int APT = 1;
    static final int ASUT = 2;
    static final int ADET = 3;
    static final int ADOT = 4;
    static final int NO_DATA = 5;
    static final int MINOR_STOP_TIME = 6;
    static final int MINOR_STOP_COUNT = 7;
    static final int FAULT_TIME = 8;
    static final int FAILURE_EVENTS = 9;
    static final int GOOD = 10;
    static final int SCRAP = 11;
    static final int REWORK = 12;

    private final long[] values = new long[LONGS];
    private double idealTimeProduced;
    private double idealTimeGood;

    /** Adds {@code millis} (negative to retract) to a time bucket. */
    public void addTime(TimeBucket bucket, long millis) {
        values[index(bucket)] += millis;
    }

    void addMinorStopTime(long millis) {
        values[MINOR_STOP_TIME] += millis;
    }

    void addMinorStops(long count) {
        values[MINOR_STOP_COUNT] += count;
    }

    void addFaultTime(long millis) {
        values[FAULT_TIME] += millis;
    }

    void addFailureEvents(long count) {
        values[FAILURE_EVENTS] += count;
    }

    /** Adds units and their ideal time: {@code pru} ms per unit, times produced and times good. */
    public void addQuantities(long good, long scrap, long rework, double pru) {
        values[GOOD] += good;
        values[SCRAP] += scrap;
        values[REWORK] += rework;
        idealTimeProduced += pru * (good + scrap + rework);
        idealTimeGood += pru * good;
    }

    /** Adds ideal times directly (a roll-up adding its members' sums). */
    public void addIdealTimes(double produced, double good) {
        idealTimeProduced += produced;
        idealTimeGood += good;
    }

    /** Adds {@code sign} × other (sign +1 or -1). */
    public void add(Elements other, int sign) {
        for (int i = 0; i < LONGS; i++) {
            values[i] += sign * other.values[i];
        }
        idealTimeProduced += sign * other.idealTimeProduced;
        idealTimeGood += sign * other.idealTimeGood;
    }

    public long time(TimeBucket bucket) {
        return values[index(bucket)];
    }

    /** PBT: APT + ASUT + ADET + ADOT + no data. */
    public long plannedBusyTime() {
        return values[APT] + values[ASUT] + values[ADET] + values[ADOT] + values[NO_DATA];
    }

    /** POT: PDOT + PBT. */
    public long plannedOperationTime() {
        return values[PDOT] + plannedBusyTime();
    }

    public long minorStopTime() {
        return values[MINOR_STOP_TIME];
    }

    public long minorStopCount() {
        return values[MINOR_STOP_COUNT];
    }

    public long faultTime() {
        return values[FAULT_TIME];
    }

    public long failureEvents() {
        return values[FAILURE_EVENTS];
    }

    public long good() {
        return values[GOOD];
    }

    public long scrap() {
        return values[SCRAP];
    }

    public long rework() {
        return values[REWORK];
    }

    public long produced() {
        return good() + scrap() + rework();
    }

    public double idealTimeProduced() {
        return idealTimeProduced;
    }

    public double idealTimeGood() {
        return idealTimeGood;
    }

    /** A copy. */
    public Elements copy() {
        Elements copy = new Elements();
        copy.add(this, 1);
        return copy;
    }

    /** Writes the elements: zig-zag varints and two doubles. */
    public void writeTo(ByteBuffer buffer) {
        for (long value : values) {
            Varint.write(buffer, value);
        }
        buffer.putDouble(idealTimeProduced);
        buffer.putDouble(idealTimeGood);
    }

    /** Reads what {@link #writeTo} wrote. */
    public static Elements readFrom(ByteBuffer buffer) {
        Elements elements = new Elements();
        for (int i = 0; i < LONGS; i++) {
            elements.values[i] = Varint.read(buffer);
        }
        elements.idealTimeProduced = buffer.getDouble();
        elements.idealTimeGood = buffer.getDouble();
        return elements;
    }

    private static int index(TimeBucket bucket) {
        return switch (bucket) {
            case PDOT -> PDOT;
            case APT -> APT;
            case ASUT -> ASUT;
            case ADET -> ADET;
            case ADOT -> ADOT;
            case NO_DATA -> NO_DATA;
        };
    }

    @Override
    public String toString() {
        return "Elements{POT=" + plannedOperationTime() + ", PDOT=" + values[PDOT] + ", APT=" + values[APT]
                + ", ASUT=" + values[ASUT] + ", ADET=" + values[ADET] + ", ADOT=" + values[ADOT]
                + ", noData=" + values[NO_DATA] + ", minorStops=" + values[MINOR_STOP_COUNT] + "/"
                + values[MINOR_STOP_TIME] + "ms, FE=" + values[FAILURE_EVENTS] + "/" + values[FAULT_TIME]
                + "ms, GQ=" + good() + ", SQ=" + scrap() + ", RQ=" + rework() + ", idealProduced="
                + idealTimeProduced + ", idealGood=" + idealTimeGood + "}";
    }
}
