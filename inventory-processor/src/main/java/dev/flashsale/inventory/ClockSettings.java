package dev.flashsale.inventory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the processor reads the wall clock, bound from {@code flashsale.clock.*}. Production leaves it unset and reads
 * {@code System.currentTimeMillis()}; the chaos harness sets {@code offsetFile} to step this one process's wall clock
 * without touching the machine's, which other processes share.
 *
 * @param offsetFile a file holding milliseconds to add to the system's wall clock, read again at most every 100 ms (a
 *                   missing file adds nothing); unset in production ({@code INVENTORY_CLOCK_OFFSET_FILE})
 */
@ConfigurationProperties(prefix = "flashsale.clock")
public record ClockSettings(Path offsetFile) {

    private static final long REREAD_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** The wall clock in epoch milliseconds. */
    LongSupplier wallMillis() {
        if (offsetFile == null) {
            return System::currentTimeMillis;
        }
        return new LongSupplier() {
            private long offsetMs = read(0);
            private long readAt = System.nanoTime();

            @Override
            public synchronized long getAsLong() {
                if (System.nanoTime() - readAt >= REREAD_NANOS) {
                    offsetMs = read(offsetMs);
                    readAt = System.nanoTime();
                }
                return System.currentTimeMillis() + offsetMs;
            }
        };
    }

    /** The file's offset; {@code previous} if it cannot be read, as the clock must never fail a stream thread. */
    private long read(long previous) {
        try {
            return Long.parseLong(Files.readString(offsetFile).strip());
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException | NumberFormatException e) {
            return previous;
        }
    }
}
