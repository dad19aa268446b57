package dev.flashsale.chaos.fault;

import java.time.Duration;

/**
 * A fault as it happened: it starts when planned or, if the one before still waits for its component to come back,
 * as soon as that is done.
 *
 * @param startedAt  after the sale's start
 * @param recovery   from the fault to the component ready again (for a kill: back RUNNING, or answering)
 * @param failure    why the system did not come back, or null
 */
public record InjectedFault(PlannedFault planned, Duration startedAt, Duration recovery, String failure) {
}
