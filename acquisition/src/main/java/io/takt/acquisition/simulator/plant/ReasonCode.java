package io.takt.acquisition.simulator.plant;

import java.util.Arrays;
import java.util.List;

/**
 * Why a machine is not executing, as the vendor's PLC numbers it: 0 none, 1xx micro-stops, 2xx
 * starved/blocked by a neighbour, 3xx faults that hold the machine, 4xx faults that abort it,
 * 5xx planned stops.
 */
public enum ReasonCode {
    NONE(0, Kind.NONE, "No stop"),
    JAM_CLEARED(101, Kind.MICRO_STOP, "Part jam cleared by operator"),
    SENSOR_MISREAD(102, Kind.MICRO_STOP, "Part presence sensor misread"),
    MISFEED(103, Kind.MICRO_STOP, "Material misfeed"),
    STARVED(201, Kind.STARVED, "Starved: no material from upstream"),
    BLOCKED(202, Kind.BLOCKED, "Blocked: downstream cannot take parts"),
    MOTOR_OVERLOAD(301, Kind.FAULT_HELD, "Main drive motor overload"),
    HYDRAULIC_PRESSURE_LOW(302, Kind.FAULT_HELD, "Hydraulic pressure low"),
    TOOL_WORN(303, Kind.FAULT_HELD, "Tool worn, change required"),
    LUBRICATION_FAULT(304, Kind.FAULT_HELD, "Lubrication fault"),
    SERVO_DRIVE_FAULT(401, Kind.FAULT_ABORTED, "Servo drive fault"),
    SAFETY_DOOR_OPENED(402, Kind.FAULT_ABORTED, "Safety door opened during cycle"),
    EMERGENCY_STOP(403, Kind.FAULT_ABORTED, "Emergency stop pressed"),
    PLANNED_BREAK(501, Kind.PLANNED, "Planned break (shift calendar)"),
    CHANGEOVER(502, Kind.PLANNED, "Product changeover");

    /** What kind of stop a reason stands for. */
    public enum Kind { NONE, MICRO_STOP, STARVED, BLOCKED, FAULT_HELD, FAULT_ABORTED, PLANNED }

    private static final List<ReasonCode> MICRO_STOPS = ofKind(Kind.MICRO_STOP);
    private static final List<ReasonCode> FAULTS = Arrays.stream(values())
            .filter(ReasonCode::isFault).toList();

    private final int code;
    private final Kind kind;
    private final String description;

    ReasonCode(int code, Kind kind, String description) {
        this.code = code;
        this.kind = kind;
        this.description = description;
    }

    public int code() {
        return code;
    }

    public Kind kind() {
        return kind;
    }

    public String description() {
        return description;
    }

    public boolean isFault() {
        return kind == Kind.FAULT_HELD || kind == Kind.FAULT_ABORTED;
    }

    /** The reason for a PLC number; throws for a number this vendor does not use. */
    public static ReasonCode ofCode(int code) {
        return Arrays.stream(values()).filter(r -> r.code == code).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No reason code " + code));
    }

    static List<ReasonCode> microStops() {
        return MICRO_STOPS;
    }

    static List<ReasonCode> faults() {
        return FAULTS;
    }

    private static List<ReasonCode> ofKind(Kind kind) {
        return Arrays.stream(values()).filter(r -> r.kind == kind).toList();
    }
}
