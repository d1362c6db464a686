package io.takt.erp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.takt.platform.config.ConfigException;

class IdentityMappingTest {

    @TempDir
    Path dir;

    @Test
    void shouldMapWorkCentersMaterialsAndUnits() throws Exception {
        Path file = Files.writeString(dir.resolve("m.properties"), """
                # line 1
                work-center.WC-L1-PRESS = site1.area1.line1.press
                material.MAT-100 = bracket-2mm
                uom.ST = H87
                """);

        IdentityMapping mapping = IdentityMapping.load(file, "erp.mapping.file");

        assertThat(mapping.equipment("WC-L1-PRESS")).contains("site1.area1.line1.press");
        assertThat(mapping.product("MAT-100")).contains("bracket-2mm");
        assertThat(mapping.unit("ST")).contains("H87");
        assertThat(mapping.equipment("WC-L9-PRESS")).isEmpty();
    }

    @Test
    void shouldFailAtStartUpNamingALineThatIsNoMapping() throws Exception {
        Path file = Files.writeString(dir.resolve("m.properties"), "workcenter.WC-L1-PRESS = press\n");

        assertThatThrownBy(() -> IdentityMapping.load(file, "erp.mapping.file"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'workcenter.WC-L1-PRESS' is not work-center.<id>, material.<code> or uom.<unit>");
    }

    @Test
    void shouldFailNamingTheSettingWhenTheFileIsMissing() {
        assertThatThrownBy(() -> IdentityMapping.load(dir.resolve("none.properties"), "erp.mapping.file"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("erp.mapping.file: cannot read the identity mapping");
    }
}
