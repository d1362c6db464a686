package io.takt.acquisition.plc4x;

import java.util.List;
import java.util.stream.Collectors;

import org.apache.plc4x.java.api.value.PlcValue;

/** Turns PLC4X values into the Boolean, Long, Double or String a {@code TagSample} carries. */
final class PlcValues {

    private PlcValues() {
    }

    /** The normalised value, or null when the PLC returned none. */
    static Object normalise(PlcValue value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isList()) {
            return list(value.getList());
        }
        return switch (value.getPlcValueType()) {
            case BOOL -> value.getBoolean();
            case BYTE, WORD, DWORD, LWORD, USINT, UINT, UDINT, ULINT, SINT, INT, DINT, LINT -> value.getLong();
            // A REAL holds 10.03 as 10.029999732971191 in double: go through its shortest decimal form.
            case REAL -> Double.parseDouble(Float.toString(value.getFloat()));
            case LREAL -> value.getDouble();
            case CHAR, WCHAR, STRING, WSTRING -> text(value.getString());
            case TIME, LTIME -> value.getDuration().toMillis();
            case NULL -> null;
            default -> text(value.getString());
        };
    }

    // PLCs keep text as arrays of CHAR: join them; other arrays become their values, comma-separated.
    private static Object list(List<? extends PlcValue> items) {
        if (items.size() == 1) {
            return normalise(items.get(0));
        }
        boolean chars = items.stream().allMatch(v -> v.getPlcValueType().name().endsWith("CHAR"));
        String joined = items.stream().map(PlcValues::normalise).map(String::valueOf)
                .collect(Collectors.joining(chars ? "" : ","));
        return chars ? text(joined) : joined;
    }

    // Fixed-length PLC strings are padded with NULs or blanks.
    private static String text(String s) {
        return s == null ? "" : s.replace("\u0000", "").trim();
    }
}
