package dev.flashsale.chaos.fault;

import java.time.Duration;

/**
 * @param at   when, after the sale's start
 * @param hold how long the fault lasts where it has a length of its own: the second processor's stay, the outage
 */
public record PlannedFault(Duration at, FaultKind kind, Duration hold) {

    @Override
    public String toString() {
        return String.format("%6.1fs %-16s hold %.1fs", at.toMillis() / 1000.0, kind, hold.toMillis() / 1000.0);
    }
}
