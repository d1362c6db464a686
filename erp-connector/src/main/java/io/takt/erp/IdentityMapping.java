package io.takt.erp;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;

import io.takt.platform.config.ConfigException;

/**
 * How ERP codes become Takt ids: work centers to ISA-95 equipment ids, material codes to product
 * ids, the ERP's units of measure to canonical ones (UN/ECE Recommendation 20). A properties file:
 *
 * <pre>
 * work-center.WC-L1-PRESS = site1.area1.line1.press
 * material.MAT-100 = bracket-2mm
 * uom.ST = H87
 * </pre>
 *
 * Read and checked once, at start-up; a line that is not one of the three kinds fails naming it.
 */
public final class IdentityMapping {

    static final String WORK_CENTER = "work-center.";
    static final String MATERIAL = "material.";
    static final String UOM = "uom.";
    private static final String STAND_IN = "stand-in-mapping.properties";

    private final Map<String, String> equipment;
    private final Map<String, String> products;
    private final Map<String, String> units;

    IdentityMapping(Map<String, String> equipment, Map<String, String> products, Map<String, String> units) {
        this.equipment = Map.copyOf(equipment);
        this.products = Map.copyOf(products);
        this.units = Map.copyOf(units);
    }

    /** Reads {@code file}; {@code origin} names the setting that pointed to it, for error messages. */
    public static IdentityMapping load(Path file, String origin) {
        Properties lines = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            lines.load(reader);
        } catch (IOException e) {
            throw new ConfigException(List.of(origin + ": cannot read the identity mapping " + file + ": "
                    + e.getMessage()));
        }
        return parse(lines, file.toString());
    }

    /** The mapping of the embedded ERP stand-in's seed data. */
    public static IdentityMapping standIn() {
        Properties lines = new Properties();
        try (InputStream in = IdentityMapping.class.getResourceAsStream(STAND_IN)) {
            lines.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("The stand-in's identity mapping " + STAND_IN + " is not on the class path");
        }
        return parse(lines, STAND_IN);
    }

    private static IdentityMapping parse(Properties lines, String source) {
        Map<String, String> equipment = new TreeMap<>();
        Map<String, String> products = new TreeMap<>();
        Map<String, String> units = new TreeMap<>();
        // Sorted, so that of several bad lines the first in order is the one named.
        for (String key : new TreeSet<>(lines.stringPropertyNames())) {
            String value = lines.getProperty(key).trim();
            if (value.isEmpty()) {
                throw new ConfigException(List.of(source + ": '" + key + "' maps to nothing"));
            }
            if (key.startsWith(WORK_CENTER) && key.length() > WORK_CENTER.length()) {
                equipment.put(key.substring(WORK_CENTER.length()), value);
            } else if (key.startsWith(MATERIAL) && key.length() > MATERIAL.length()) {
                products.put(key.substring(MATERIAL.length()), value);
            } else if (key.startsWith(UOM) && key.length() > UOM.length()) {
                units.put(key.substring(UOM.length()), value);
            } else {
                throw new ConfigException(List.of(source + ": '" + key + "' is not work-center.<id>, "
                        + "material.<code> or uom.<unit>"));
            }
        }
        return new IdentityMapping(equipment, products, units);
    }

    /** The Takt equipment id of an ERP work center. */
    public Optional<String> equipment(String workCenter) {
        return Optional.ofNullable(equipment.get(workCenter));
    }

    /** The Takt product id of an ERP material. */
    public Optional<String> product(String materialCode) {
        return Optional.ofNullable(products.get(materialCode));
    }

    /** The canonical unit of an ERP unit of measure. */
    public Optional<String> unit(String erpUnit) {
        return Optional.ofNullable(units.get(erpUnit));
    }

    /** The ERP work center an equipment id maps from (the way back, for confirmations). */
    public Optional<String> workCenter(String equipmentId) {
        return keyOf(equipment, equipmentId);
    }

    /** The ERP unit that maps to a canonical unit (the way back, for confirmations). */
    public Optional<String> erpUnit(String canonicalUnit) {
        return keyOf(units, canonicalUnit);
    }

    private static Optional<String> keyOf(Map<String, String> mapping, String value) {
        return mapping.entrySet().stream().filter(entry -> entry.getValue().equals(value))
                .map(Map.Entry::getKey).sorted().findFirst();
    }
}
