package dev.flashsale.benchmark;

import java.time.Duration;

/**
 * flashsale right after the order API and the inventory processor were restarted ({@code bin/run-local stop} and
 * {@code start}): a sale at a fixed arrival rate as soon as both are up, products that cannot sell out, then the same
 * sale again right after, on the JVMs the first one warmed.
 *
 * @param restartSeconds from the stop of the order API until both were up again
 * @param window         the span reported, from the first send
 */
record FreshJvm(double restartSeconds, Duration window, Sale fresh, Sale again) {

    /**
     * @param finalsPerSecond final statuses buyers read within the window, per second of it
     */
    record Sale(String jvms, double finalsPerSecond, Figures figures) {
    }
}
