package io.takt.acquisition.plc4x;

import java.util.ArrayList;
import java.util.List;

import org.apache.plc4x.java.DefaultPlcDriverManager;
import org.apache.plc4x.java.api.PlcDriver;

import io.takt.acquisition.tagmap.ConnectionCheck;
import io.takt.acquisition.tagmap.SourceDefinition;
import io.takt.acquisition.tagmap.SourceType;
import io.takt.acquisition.tagmap.TagDefinition;
import io.takt.acquisition.tagmap.TagMapProblem;

/**
 * Checks a modbus or s7 source while the tag map loads: its connection settings, and each tag's
 * address parsed by the PLC4X driver itself (no connection needed), so a mistyped register fails
 * start-up with its line instead of failing reads later.
 */
public final class Plc4xConnectionCheck implements ConnectionCheck {

    private final SourceType type;

    private Plc4xConnectionCheck(SourceType type) {
        this.type = type;
    }

    public static Plc4xConnectionCheck modbus() {
        return new Plc4xConnectionCheck(SourceType.MODBUS);
    }

    public static Plc4xConnectionCheck s7() {
        return new Plc4xConnectionCheck(SourceType.S7);
    }

    @Override
    public SourceType type() {
        return type;
    }

    @Override
    public List<TagMapProblem> check(SourceDefinition source, List<TagDefinition> tags) {
        List<TagMapProblem> problems = new ArrayList<>();
        Plc4xSettings settings = Plc4xSettings.read(source, problems);
        if (!problems.isEmpty()) {
            return problems;
        }
        PlcDriver driver;
        try {
            driver = new DefaultPlcDriverManager().getDriver(settings.protocolCode());
        } catch (Exception e) {
            problems.add(source.problem("url", "no PLC4X driver for '" + settings.protocolCode() + "'"));
            return problems;
        }
        for (TagDefinition tag : tags) {
            try {
                driver.prepareTag(tag.address());
            } catch (RuntimeException e) {
                problems.add(tag.location().problem("address", "'" + tag.address() + "' is not a "
                        + settings.protocolCode() + " address (" + e.getMessage() + "); e.g. "
                        + (type == SourceType.MODBUS ? "holding-register:1:UINT (1-based), coil:1, input-register:3:REAL"
                                : "%DB10.DBW4:INT, %M0.1:BOOL")));
            }
        }
        return problems;
    }
}
