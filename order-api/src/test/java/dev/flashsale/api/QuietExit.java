package dev.flashsale.api;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Drops what is logged once the test JVM exits (logback-test.xml installs it). The tests have reported by then, and
 * the brokers of the contexts Spring cached fail one log after another: Kafka's test kit deletes their directories
 * while Spring is still closing them, and each broker reports every partition it can no longer serve.
 */
public class QuietExit extends TurboFilter {

    private static volatile boolean exiting;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> exiting = true, "quiet-exit"));
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
            Throwable t) {
        return exiting ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
