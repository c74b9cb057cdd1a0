package io.loopboard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {

    @Test
    void defaults_apply_when_nothing_is_set() {
        Config c = Config.fromEnvironment(Map.of());
        assertEquals(7070, c.port());
        assertEquals(Path.of("./data"), c.dataDir());
        assertTrue(c.jdbcUrl().startsWith("jdbc:sqlite:") && c.jdbcUrl().endsWith("loopboard.db"));
        assertFalse(c.demo());
        assertTrue(c.adminPassword().isEmpty());
    }

    @Test
    void environment_variables_override_the_defaults() {
        Config c = Config.fromEnvironment(Map.of("LOOPBOARD_PORT", "8080", "LOOPBOARD_DATA_DIR", "/srv/lb",
                "LOOPBOARD_DEMO", "yes", "LOOPBOARD_ADMIN_EMAIL", "cx@example.se", "LOOPBOARD_ADMIN_PASSWORD", "långt-lösenord-2026",
                "LOOPBOARD_DATABASE_URL", "jdbc:postgresql://db/loopboard"));
        assertEquals(8080, c.port());
        assertEquals(Path.of("/srv/lb"), c.dataDir());
        assertTrue(c.demo());
        assertEquals("cx@example.se", c.adminEmail());
        assertEquals("långt-lösenord-2026", c.adminPassword().orElseThrow());
        assertEquals("jdbc:postgresql://db/loopboard", c.jdbcUrl());
    }

    @Test
    void bad_values_name_the_variable() {
        var e = assertThrows(Config.ConfigException.class, () -> Config.fromEnvironment(Map.of("LOOPBOARD_PORT", "seventy")));
        assertTrue(e.getMessage().contains("LOOPBOARD_PORT"));
        var d = assertThrows(Config.ConfigException.class, () -> Config.fromEnvironment(Map.of("LOOPBOARD_DEMO", "maybe")));
        assertTrue(d.getMessage().contains("LOOPBOARD_DEMO"));
    }
}
