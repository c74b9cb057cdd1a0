package io.loopboard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** LOOPBOARD_SCREEN_MAX_STALE_HOURS: how long a cut-off screen may show its cached quotes. */
class ScreenStalenessConfigTest {

    @Test
    void defaults_to_24_hours_and_reads_the_environment() {
        assertEquals(24L * 3_600_000, Config.fromEnvironment(Map.of()).screenMaxStaleMillis());
        assertEquals(2L * 3_600_000, Config.fromEnvironment(Map.of("LOOPBOARD_SCREEN_MAX_STALE_HOURS", " 2 ")).screenMaxStaleMillis());
        assertEquals(8760, Config.fromEnvironment(Map.of("LOOPBOARD_SCREEN_MAX_STALE_HOURS", "8760")).screenMaxStaleHours());
        assertEquals(24, Config.forDataDir(java.nio.file.Path.of("x"), 0).withDemo(true).screenMaxStaleHours());
    }

    @Test
    void nonsense_is_refused_with_the_variable_named() {
        for (String bad : new String[] {"0", "-1", "8761", "1.5", "24h", ""}) {
            Config.ConfigException e = assertThrows(Config.ConfigException.class,
                    () -> Config.fromEnvironment(Map.of("LOOPBOARD_SCREEN_MAX_STALE_HOURS", bad)), bad);
            assertTrue(e.getMessage().startsWith("LOOPBOARD_SCREEN_MAX_STALE_HOURS"), e.getMessage());
        }
    }
}
